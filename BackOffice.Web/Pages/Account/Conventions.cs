using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Account;

/// <summary>Signing in (every step of it), setting a password from its link and the access-denied page are open to anyone; the rest needs a session.</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AllowAnonymousToPage("/Account/Login");
        conventions.AllowAnonymousToPage("/Account/AccessDenied");
        conventions.AllowAnonymousToPage("/Account/TwoFactor");
        conventions.AllowAnonymousToPage("/Account/RecoveryCode");
        conventions.AllowAnonymousToPage("/Account/SetPassword");
    }
}
