using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Audit;

/// <summary>An audit event as the audit trail lists it: the sentence's parts, and who and what it concerns, to link to.</summary>
public sealed record AuditRow(AuditLine Line, Guid? ActorId, Guid? PersonId, string? PersonName, Guid? ApplicationId);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, long Total, int Page, int PageCount);

/// <summary>One page of audit events, newest first, with the person and application each is about (one join, not a query per row).</summary>
public static class AuditList
{
    public const int PageSize = 50;

    public static async Task<AuditPage> PageAsync(BackOfficeDbContext db, IQueryable<AuditEvent> events, int page, CancellationToken ct)
    {
        var total = await events.LongCountAsync(ct);
        var pageCount = (int)Math.Clamp((total + PageSize - 1) / PageSize, 1, int.MaxValue);
        page = Math.Clamp(page, 1, pageCount);
        // Newest first by when it happened (as every event log), the chain's order among events of the same moment.
        var rows = await (from e in events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Position).Skip(Paging.Skip(page, PageSize)).Take(PageSize)
                          join a in db.Applications on e.ApplicationId equals (Guid?)a.Id into applications
                          from a in applications.DefaultIfEmpty()
                          join p in db.Persons on e.PersonId equals (Guid?)p.Id into persons
                          from p in persons.DefaultIfEmpty()
                          orderby e.OccurredAt descending, e.Position descending
                          select new { e.Position, e.OccurredAt, e.ActorName, e.Action, e.Details, e.ActorId, e.PersonId, e.ApplicationId,
                              RegistryNumber = (string?)a.RegistryNumber, p.FirstNames, p.LastName })
            .AsNoTracking().ToListAsync(ct);
        return new AuditPage(rows.Select(r => new AuditRow(new AuditLine(r.Position, r.OccurredAt, r.ActorName, r.Action, r.Details, r.RegistryNumber),
            r.ActorId, r.PersonId, r.LastName is null ? null : $"{r.FirstNames} {r.LastName}", r.ApplicationId)).ToList(), total, page, pageCount);
    }
}
