using BackOffice.Web.Infrastructure;
using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Audit;

/// <summary>One page of an event log, newest first; views of the data are left out unless asked for.</summary>
public sealed record EventLogPage(IReadOnlyList<AuditLine> Lines, bool ShowViews, int Page, int PageCount);

/// <summary>Reads an event log (a person's, an application's) the one way every page shows it.</summary>
public static class EventLog
{
    public const int PageSize = 50;

    public static async Task<EventLogPage> PageAsync(BackOfficeDbContext db, IQueryable<AuditEvent> events, bool showViews, int page,
        CancellationToken ct = default)
    {
        if (!showViews)
        {
            var views = AuditActions.Views.ToArray();
            events = events.Where(e => !views.Contains(e.Action));
        }
        var pageCount = Math.Max(1, (int)((await events.LongCountAsync(ct) + PageSize - 1) / PageSize));
        page = Math.Clamp(page, 1, pageCount);
        var lines = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Position)
            .Skip(Paging.Skip(page, PageSize)).Take(PageSize)
            .Select(e => new AuditLine(e.Position, e.OccurredAt, e.ActorName, e.Action, e.Details,
                db.Applications.Where(a => a.Id == e.ApplicationId).Select(a => a.RegistryNumber).FirstOrDefault()))
            .AsNoTracking().ToListAsync(ct);
        return new EventLogPage(lines, showViews, page, pageCount);
    }
}
