using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Messages;

/// <summary>The unread open messages, beside <em>Secure messages</em> in the main navigation (from the partial index of unread ones).</summary>
public sealed class MessagesNavigationCount(BackOfficeDbContext db) : INavigationCount
{
    public string Page => "/Messages/Index";

    public async Task<NavigationCount?> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var unread = await Inbox.Unread(db).AsNoTracking().Take(1001).CountAsync(cancellationToken);
        return unread == 0 ? null : new NavigationCount(Math.Min(unread, 1000), Capped: unread > 1000);
    }
}
