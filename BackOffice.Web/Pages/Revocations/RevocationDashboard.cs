using BackOffice.Data;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>Which requests the dashboard lists (the <c>state</c> filter of <c>/Revocations</c>).</summary>
public enum RevocationFilter { Open, AwaitingApproval, Scheduled, Sending, Overdue, DueSoon, Revoked, Withdrawn, All }

/// <summary>A request as the dashboard lists it, with its certificate and holder.</summary>
public sealed class RevocationRow
{
    public Guid Id { get; init; }
    public RevocationState State { get; init; }
    public RevocationReason Reason { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public string RequestedByName { get; init; } = "";
    public DateTimeOffset? ScheduledSendAt { get; init; }
    public DateTimeOffset? SendAt { get; init; }
    public DateTimeOffset? RevokeBy { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public Guid CertificateId { get; init; }
    public string CertificateNumber { get; init; } = "";
    public string TypeCode { get; init; } = "";
    public Guid ApplicationId { get; init; }
    public string RegistryNumber { get; init; } = "";
    public Guid PersonId { get; init; }
    public string FirstNames { get; init; } = "";
    public string LastName { get; init; } = "";

    public RevocationPhase PhaseAt(DateTimeOffset now) => RevocationRequest.Phase(State, SendAt, now);

    public bool IsOverdueAt(DateTimeOffset now) => RevocationRequest.IsOverdue(State, RevokeBy, RevokedAt, now);

    public RevocationLimit LimitAt(DateTimeOffset now, TimeSpan dueSoonWithin) => RevocationRequest.LimitOf(State, RevokeBy, RevokedAt, now, dueSoonWithin);

    /// <summary>Until the 24-hour limit (negative when past it); null when no limit runs (awaiting approval, withdrawn, revoked).</summary>
    public TimeSpan? TimeLeftAt(DateTimeOffset now) => State == RevocationState.Pending && RevokeBy is { } limit ? limit - now : null;
}

/// <summary>The counts the navigation and the home pages show.</summary>
public readonly record struct RevocationCounts(int Open, int Overdue, int AwaitingApproval, int DueSoon = 0);

/// <summary>
/// The revocation dashboard's queries: the requests by filter and submission date, the most urgent first (the least time left to the
/// 24-hour limit), and the counts of open, overdue and waiting-for-approval requests in one round trip.
/// </summary>
public static class RevocationDashboard
{
    public static IQueryable<RevocationRequest> Filtered(BackOfficeDbContext db, RevocationFilter filter, DateTimeOffset now,
        DateTimeOffset? submittedFrom = null, DateTimeOffset? submittedBefore = null)
    {
        var requests = db.RevocationRequests.AsQueryable();
        requests = filter switch
        {
            RevocationFilter.Open => requests.Where(RevocationRequest.Open),
            RevocationFilter.AwaitingApproval => requests.Where(r => r.State == RevocationState.AwaitingApproval),
            RevocationFilter.Scheduled => requests.Where(r => r.State == RevocationState.Pending && r.SendAt > now),
            RevocationFilter.Sending => requests.Where(r => r.State == RevocationState.Pending && r.SendAt <= now),
            // Open past the limit (what the count and the navigation show); those revoked late are marked in the Revoked tab.
            RevocationFilter.Overdue => requests.Where(r => r.State == RevocationState.Pending && r.RevokeBy < now),
            // Pending, not yet past the limit, but with less than RevocationRequest.DueSoonWithin left.
            RevocationFilter.DueSoon => requests.Where(r => r.State == RevocationState.Pending && r.RevokeBy >= now && r.RevokeBy < now + RevocationRequest.DueSoonWithin),
            RevocationFilter.Revoked => requests.Where(r => r.State == RevocationState.Revoked),
            RevocationFilter.Withdrawn => requests.Where(r => r.State == RevocationState.Withdrawn),
            _ => requests,
        };
        if (submittedFrom is { } from) requests = requests.Where(r => r.SubmittedAt >= from);
        if (submittedBefore is { } before) requests = requests.Where(r => r.SubmittedAt < before);
        return requests;
    }

    /// <summary>One page of rows: open requests by the time left to their limit (waiting for approval last, oldest first); finished ones newest first.</summary>
    public static IQueryable<RevocationRow> Page(BackOfficeDbContext db, IQueryable<RevocationRequest> requests, RevocationFilter filter, int page, int pageSize)
    {
        var rows = from r in requests
                   join c in db.Certificates on r.CertificateId equals c.Id
                   join a in db.Applications on r.ApplicationId equals a.Id
                   select new { r, c, a, TypeCode = a.CertificateType.Code, a.Person.FirstNames, a.Person.LastName };
        rows = filter is RevocationFilter.Open or RevocationFilter.AwaitingApproval or RevocationFilter.Scheduled or RevocationFilter.Sending or RevocationFilter.DueSoon
            ? rows.OrderBy(x => x.r.RevokeBy == null).ThenBy(x => x.r.RevokeBy).ThenBy(x => x.r.SubmittedAt).ThenBy(x => x.r.Id)
            : rows.OrderByDescending(x => x.r.SubmittedAt).ThenBy(x => x.r.Id);
        return rows.AsNoTracking().Select(x => new RevocationRow
        {
            Id = x.r.Id,
            State = x.r.State,
            Reason = x.r.Reason,
            SubmittedAt = x.r.SubmittedAt,
            RequestedByName = x.r.RequestedByName,
            ScheduledSendAt = x.r.ScheduledSendAt,
            SendAt = x.r.SendAt,
            RevokeBy = x.r.RevokeBy,
            SentAt = x.r.SentAt,
            RevokedAt = x.r.RevokedAt,
            WithdrawnAt = x.r.WithdrawnAt,
            Attempts = x.r.Attempts,
            LastError = x.r.LastError,
            CertificateId = x.c.Id,
            CertificateNumber = x.c.Number,
            TypeCode = x.TypeCode,
            ApplicationId = x.a.Id,
            RegistryNumber = x.a.RegistryNumber,
            PersonId = x.a.PersonId,
            FirstNames = x.FirstNames,
            LastName = x.LastName,
        }).Skip(Paging.Skip(page, pageSize)).Take(pageSize);
    }

    private sealed class CountRow
    {
        public int Open { get; init; }
        public int Overdue { get; init; }
        public int AwaitingApproval { get; init; }
        public int DueSoon { get; init; }
    }

    /// <summary>Open, overdue (open past the limit) and waiting-for-approval requests: one query over the open requests' partial index.</summary>
    public static async Task<RevocationCounts> CountsAsync(BackOfficeDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        // {0} is now, {1} the end of due soon; the open states are the model's own SQL, not a parameter.
        var row = await db.Database.SqlQueryRaw<CountRow>("""
            SELECT count(*)::int AS open,
                   count(*) FILTER (WHERE state = 'Pending' AND revoke_by < {0})::int AS overdue,
                   count(*) FILTER (WHERE state = 'AwaitingApproval')::int AS awaiting_approval,
                   count(*) FILTER (WHERE state = 'Pending' AND revoke_by >= {0} AND revoke_by < {1})::int AS due_soon
            FROM revocation_requests WHERE 
            """ + RevocationRequest.OpenSql, now, now + RevocationRequest.DueSoonWithin).SingleAsync(ct);
        return new RevocationCounts(row.Open, row.Overdue, row.AwaitingApproval, row.DueSoon);
    }
}
