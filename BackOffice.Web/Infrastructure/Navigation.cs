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
        // Revocation (issue 13).
        new("/Revocations/Index", "Nav.Revocations", [Roles.Administrator, Roles.Auditor]),
        new("/Messages/Index", "Nav.Messages", [Roles.Administrator]), // secure messages (issue 15)
        new("/Admin/CertificateTypes/Index", "Nav.CertificateTypes", [Roles.SystemAdministrator]),
        new("/Admin/Outbox", "Nav.Outbox", [Roles.SystemAdministrator]),
        // Staff administration (issue 14).
        new("/Admin/Users/Index", "Nav.Staff", [Roles.SystemAdministrator]),
        new("/Admin/Organisations/Index", "Nav.Organisations", [Roles.SystemAdministrator]),
        // Reports and audit (issue 12)
        new("/Reports/Index", "Nav.Reports", [Roles.Auditor, Roles.Administrator]),
        new("/Audit/Index", "Nav.Audit", [Roles.Auditor]),
    ];

    public static IEnumerable<NavigationItem> For(ClaimsPrincipal user) =>
        Items.Where(i => i.Roles.Count == 0 || i.Roles.Any(user.IsInRole));

    public static IEnumerable<string> RolesOf(ClaimsPrincipal user) => Roles.All.Where(user.IsInRole);
}

/// <summary>A number shown beside a navigation entry (waiting work): how many, whether it is "more than" a cap, and
/// whether it needs attention now (shown as urgent, in colour and words).</summary>
public readonly record struct NavigationCount(int Count, bool Capped = false, bool Urgent = false);

/// <summary>
/// What an area registers (<c>services.AddScoped&lt;INavigationCount, …&gt;()</c>) to show a count beside its entry of the main
/// navigation, as the queues do; asked only for entries the signed-in person sees, and never on the error page.
/// </summary>
public interface INavigationCount
{
    /// <summary>The navigation entry's page, as in <see cref="Navigation.Items"/>.</summary>
    string Page { get; }

    Task<NavigationCount?> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
