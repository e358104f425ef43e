using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages;

/// <summary>The start page: who is signed in, with which roles, and what those roles do here.</summary>
public class IndexModel(CurrentStaff staff) : PageModel
{
    public string DisplayName => staff.Name;
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public void OnGet() => Roles = Navigation.RolesOf(User).ToList();
}
