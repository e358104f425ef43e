using BackOffice.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages;

/// <summary>
/// The language switch: keeps the choice in this browser's cookie and returns to the page it came from. (The language
/// remembered on the account, for every sign-in, is chosen on the person's own account page.)
/// </summary>
[AllowAnonymous]
public class LanguageModel(IConfiguration config) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (language is not null && LocalizationSetup.Languages.ContainsKey(language)) LocalizationSetup.RememberInCookie(Response, language, config);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
