using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages;

/// <summary>The language switch: keeps the choice in a cookie (and, signed in, on the account, for the next sign-in) and returns to the page it came from.</summary>
[AllowAnonymous]
public class LanguageModel(IConfiguration config, UserManager<StaffUser> users, CurrentStaff staff) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        if (language is not null && LocalizationSetup.Languages.ContainsKey(language))
        {
            LocalizationSetup.RememberInCookie(Response, language, config);
            if (staff.Id is { } id && await users.FindByIdAsync(id.ToString()) is { } user && user.PreferredLanguage != language)
            {
                user.RememberLanguage(language);
                await users.UpdateAsync(user);
            }
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
