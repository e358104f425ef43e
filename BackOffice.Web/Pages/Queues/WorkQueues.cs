using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Queues;

/// <summary>An application as the queues list it.</summary>
public sealed class QueueRow
{
    public Guid Id { get; init; }
    public string RegistryNumber { get; init; } = "";
    public string CertificateTypeCode { get; init; } = "";
    public ApplicationStage Stage { get; init; }
    public DateTimeOffset StageChangedAt { get; init; }
    public DateTimeOffset LastModifiedAt { get; init; }
    public Guid PersonId { get; init; }
    public string FirstNames { get; init; } = "";
    public string LastName { get; init; } = "";
    /// <summary>The person's names and e-mail, accent- and case-folded (the stored column the person search uses).</summary>
    public string PersonSearchText { get; init; } = "";
}

/// <summary>A queue's size for the navigation; the finished queues are counted no further than <see cref="WorkQueues.CountLimit"/>.</summary>
public readonly record struct QueueCount(int Count, bool Capped);

/// <summary>
/// The queues read the queue the model keeps on every application (<see cref="Application.Queue"/>, <see cref="Application.AwaitsAcknowledgement"/>):
/// the open queues are counted from a partial index, Completed and Archive only up to a limit, as the person search counts.
/// </summary>
public static class WorkQueues
{
    public const int CountLimit = 1000;
    private static readonly WorkQueue[] Open = [WorkQueue.UnderProcessing, WorkQueue.AwaitingReview, WorkQueue.ReturnedForCompletion, WorkQueue.AwaitingFinalReview];

    public static IQueryable<Application> In(BackOfficeDbContext db, WorkQueue queue) => queue == WorkQueue.AwaitingAcknowledgement
        ? db.Applications.Where(a => a.AwaitsAcknowledgement)
        : db.Applications.Where(a => a.Queue == queue);

    public static IQueryable<QueueRow> Rows(IQueryable<Application> applications) => applications.AsNoTracking().Select(a => new QueueRow
    {
        Id = a.Id,
        RegistryNumber = a.RegistryNumber,
        CertificateTypeCode = a.CertificateType.Code,
        Stage = a.Stage,
        StageChangedAt = a.StageChangedAt,
        LastModifiedAt = a.LastModifiedAt,
        PersonId = a.PersonId,
        FirstNames = a.Person.FirstNames,
        LastName = a.Person.LastName,
        PersonSearchText = EF.Property<string>(a.Person, SearchText.Column),
    });

    private sealed class CountRow
    {
        public string Queue { get; init; } = "";
        public int Count { get; init; }
    }

    /// <summary>
    /// Every queue's count in one round trip, from indexes only: a grouped count of the open queues (partial index
    /// ix_applications_open_queue) and three counts that stop one past the limit. Shown on every page, so it must not grow with the registry.
    /// </summary>
    public static async Task<IReadOnlyDictionary<WorkQueue, QueueCount>> CountsAsync(BackOfficeDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQuery<CountRow>($"""
            SELECT queue AS "Queue", count(*)::int AS "Count" FROM applications
            WHERE queue IN ('UnderProcessing', 'AwaitingReview', 'ReturnedForCompletion', 'AwaitingFinalReview') GROUP BY queue
            UNION ALL SELECT 'AwaitingAcknowledgement', count(*)::int FROM (SELECT 1 FROM applications WHERE awaits_acknowledgement LIMIT {CountLimit + 1}) a
            UNION ALL SELECT 'Completed', count(*)::int FROM (SELECT 1 FROM applications WHERE queue = 'Completed' LIMIT {CountLimit + 1}) c
            UNION ALL SELECT 'Archive', count(*)::int FROM (SELECT 1 FROM applications WHERE queue = 'Archive' LIMIT {CountLimit + 1}) r
            """).ToListAsync(ct);
        var counts = rows.ToDictionary(r => Enum.Parse<WorkQueue>(r.Queue), r => r.Count);
        return Enum.GetValues<WorkQueue>().ToDictionary(q => q, q => counts.GetValueOrDefault(q) is var n && !Open.Contains(q) && n > CountLimit
            ? new QueueCount(CountLimit, true) : new QueueCount(counts.GetValueOrDefault(q), false));
    }

    /// <summary>Counts no further than one past the limit: past it, "more than 1,000" is all a person needs.</summary>
    public static async Task<QueueCount> CappedCountAsync<T>(IQueryable<T> rows, CancellationToken ct = default)
    {
        var count = await rows.Take(CountLimit + 1).CountAsync(ct);
        return new QueueCount(Math.Min(count, CountLimit), count > CountLimit);
    }
}
