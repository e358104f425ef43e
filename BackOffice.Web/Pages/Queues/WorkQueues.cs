using System.Linq.Expressions;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;
using BackOffice.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Queues;

/// <summary>Seed 000's tabs seen from the office. An open application is in exactly one of the first four.</summary>
public enum WorkQueue
{
    UnderProcessing,
    AwaitingReview,
    ReturnedForCompletion,
    AwaitingFinalReview,
    AwaitingAcknowledgement,
    Completed,
    Archive,
}

/// <summary>An application as the queues see it: the facts that place it in a queue, and the list's columns.</summary>
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
    public bool Archived { get; init; }
    public bool HasFileToReview { get; init; }
    public bool HasUnacknowledgedDecision { get; init; }
}

public static class WorkQueues
{
    private static readonly ApplicationStage[] Closed = [.. IssuanceProcess.Terminal];

    /// <summary>Where each queue draws from; used by the lists and, compiled, by the counts.</summary>
    public static Expression<Func<QueueRow, bool>> Filter(WorkQueue queue) => queue switch
    {
        WorkQueue.AwaitingReview => r => !r.Archived && !Closed.Contains(r.Stage) && r.HasFileToReview,
        WorkQueue.ReturnedForCompletion => r => !r.Archived && r.Stage == ApplicationStage.ReturnedForCompletion && !r.HasFileToReview,
        WorkQueue.AwaitingFinalReview => r => !r.Archived && r.Stage == ApplicationStage.AwaitingFinalReview,
        WorkQueue.UnderProcessing => r => !r.Archived && !Closed.Contains(r.Stage) && r.Stage != ApplicationStage.AwaitingFinalReview
                                          && r.Stage != ApplicationStage.ReturnedForCompletion && !r.HasFileToReview,
        WorkQueue.AwaitingAcknowledgement => r => !r.Archived && r.HasUnacknowledgedDecision,
        WorkQueue.Completed => r => !r.Archived && Closed.Contains(r.Stage),
        WorkQueue.Archive => r => r.Archived,
        _ => throw new ArgumentOutOfRangeException(nameof(queue)),
    };

    public static IQueryable<QueueRow> Rows(BackOfficeDbContext db) => db.Applications.AsNoTracking().Select(a => new QueueRow
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
        Archived = a.ArchivedAt != null,
        HasFileToReview = a.Steps.Any(s => s.Status == StepStatus.AwaitingReview),
        HasUnacknowledgedDecision = a.Decisions.Any(d => d.AcknowledgedAt == null),
    });

    /// <summary>Every queue's count from one grouped query over the few facts that decide the queues.</summary>
    public static async Task<IReadOnlyDictionary<WorkQueue, int>> CountsAsync(BackOfficeDbContext db, CancellationToken ct = default)
    {
        var groups = await Rows(db)
            .GroupBy(r => new { r.Stage, r.Archived, r.HasFileToReview, r.HasUnacknowledgedDecision })
            .Select(g => new { g.Key.Stage, g.Key.Archived, g.Key.HasFileToReview, g.Key.HasUnacknowledgedDecision, Count = g.Count() })
            .ToListAsync(ct);
        var facts = groups.Select(g => (Row: new QueueRow { Stage = g.Stage, Archived = g.Archived, HasFileToReview = g.HasFileToReview, HasUnacknowledgedDecision = g.HasUnacknowledgedDecision }, g.Count)).ToList();
        return Enum.GetValues<WorkQueue>().ToDictionary(q => q, q =>
        {
            var test = Filter(q).Compile();
            return facts.Where(f => test(f.Row)).Sum(f => f.Count);
        });
    }
}
