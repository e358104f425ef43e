using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages;

/// <summary>The language switch: keeps the choice in a cookie and returns to the page it came from.</summary>
[AllowAnonymous]
public class LanguageModel(IConfiguration config) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (language is not null && LocalizationSetup.Languages.ContainsKey(language))
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, LocalizationSetup.CookieValue(language),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1),
                    IsEssential = true,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = SecurityOptions.CookiePolicy(config) == CookieSecurePolicy.Always || Request.IsHttps,
                });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
