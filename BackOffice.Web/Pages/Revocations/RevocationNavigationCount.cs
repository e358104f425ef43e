using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Web.Infrastructure;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>The open revocation requests beside the navigation's Revocations entry; urgent (red) while any is past its 24-hour limit.</summary>
public sealed class RevocationNavigationCount(BackOfficeDbContext db, TimeProvider clock) : INavigationCount
{
    public string Page => "/Revocations/Index";

    public async Task<NavigationCount?> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var counts = await RevocationDashboard.CountsAsync(db, clock.GetUtcNow(), cancellationToken);
        return new NavigationCount(counts.Open, Urgent: counts.Overdue > 0);
    }
}
