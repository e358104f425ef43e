using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BackOffice.Web.Pages.Account;

/// <summary>Signing in and the access-denied page are open to anyone; signing out needs a session.</summary>
public sealed class Conventions : IFolderConventions
{
    public void Apply(PageConventionCollection conventions)
    {
        conventions.AllowAnonymousToPage("/Account/Login");
        conventions.AllowAnonymousToPage("/Account/AccessDenied");
    }
}
