using System.Security.Claims;
using BackOffice.Data.Domain.Staff;

namespace BackOffice.Web.Infrastructure;

/// <summary>One entry of the main navigation: the page, its label's resource key, and the roles that may use it.</summary>
public sealed record NavigationItem(string Page, string LabelKey, IReadOnlyList<string> Roles);

/// <summary>The main navigation; a person sees only what their roles may use (the server authorises again).</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavigationItem> Items =
    [
        new("/Index", "Nav.Home", []),
        new("/Persons/Index", "Nav.Persons", [Roles.Administrator, Roles.Reviewer, Roles.Auditor]),
        new("/Queues/Index", "Nav.Queues", Roles.CaseRoles),
        new("/Reviews/Index", "Nav.Reviews", [Roles.Reviewer]),
        new("/Applications/Mail", "Nav.Mail", [Roles.Administrator]),
        new("/Admin/CertificateTypes/Index", "Nav.CertificateTypes", [Roles.SystemAdministrator]),
        new("/Admin/Outbox", "Nav.Outbox", [Roles.SystemAdministrator]),
        // Reports and audit (issue 12)
        new("/Reports/Index", "Nav.Reports", [Roles.Auditor, Roles.Administrator]),
        new("/Audit/Index", "Nav.Audit", [Roles.Auditor]),
    ];

    public static IEnumerable<NavigationItem> For(ClaimsPrincipal user) =>
        Items.Where(i => i.Roles.Count == 0 || i.Roles.Any(user.IsInRole));

    public static IEnumerable<string> RolesOf(ClaimsPrincipal user) => Roles.All.Where(user.IsInRole);
}
