using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Exports;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Pages.Messages;
using BackOffice.Web.Pages.Queues;
using BackOffice.Web.Pages.Revocations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Home;

/// <summary>A count as a list shows it: past <see cref="WorkQueues.CountLimit"/> (or a list's own cap) only "more than".</summary>
public readonly record struct HomeCount(int Count, bool Capped = false)
{
    public static HomeCount Of(int counted, int limit) => counted > limit ? new(limit, true) : new(counted);
}

/// <summary>One open queue on the Administrator's home: how many wait in it and the one that has waited longest.</summary>
public sealed record QueueWaiting(WorkQueue Queue, HomeCount Count, Guid? OldestId, string? OldestRegistryNumber, DateTimeOffset? OldestSince);

public sealed record AdministratorHome(IReadOnlyList<QueueWaiting> Queues, int Overdue, int DueSoon, int AwaitingApproval, HomeCount EndedEmployments,
    HomeCount UnreadMessages)
{
    /// <summary>The application that has waited longest in any queue that waits on the office.</summary>
    public QueueWaiting? Oldest => Queues.Where(q => q.OldestSince is not null).MinBy(q => q.OldestSince);
}

/// <summary>A step or final review waiting, as the reviewer's home lists it; <see cref="Barred"/>: the four-eyes rule bars this reviewer.</summary>
public sealed record ReviewWaiting(Guid Id, Guid ApplicationId, string RegistryNumber, string Name, Guid? StepTemplateId, DateTimeOffset Since, bool Barred);

/// <summary>One of the reviewer's own decisions: a step approved or not, a certificate issued or refused.</summary>
public sealed record OwnDecision(Guid ApplicationId, string RegistryNumber, HistoryKind Kind, string? Detail, DateTimeOffset At);

public sealed record ReviewerHome(int StepCount, int FinalCount, int BarredFinalCount, IReadOnlyList<ReviewWaiting> Steps,
    IReadOnlyList<ReviewWaiting> Finals, int DecisionCount, IReadOnlyList<OwnDecision> Decisions, DateTimeOffset WeekStart);

public sealed record LatestCheckpoint(long Position, DateTimeOffset SignedAt);

/// <summary>The latest run of Verify on /Audit: when, by whom, and whether the chain was intact (its audit event's details).</summary>
public sealed record LastVerification(DateTimeOffset At, string By, bool Intact, string? Events);

public sealed record AuditorHome(LatestCheckpoint? Checkpoint, long ChainLength, LastVerification? Verification, IReadOnlyList<ExportJob> Exports);

public sealed record SystemAdministratorHome(IReadOnlyDictionary<string, int> StaffByRole, int Staff, int Invited, int Disabled,
    int MailWaiting, int MailFailed, int TypesMissingTranslations, int Types);

/// <summary>
/// What each role's home page shows, read from the same queries as the lists its numbers link to (so a number and its list agree):
/// the counts of a home page in one statement, its short lists in one statement each, every one on an index.
/// </summary>
public static class HomeQueries
{
    /// <summary>The queues that wait on the office (Returned for completion waits on the applicant).</summary>
    public static readonly IReadOnlyList<WorkQueue> OfficeQueues = [WorkQueue.UnderProcessing, WorkQueue.AwaitingReview, WorkQueue.AwaitingFinalReview];
    /// <summary>The reviewer's home lists this many of each kind of waiting review, oldest first; the queue has the rest.</summary>
    public const int ReviewListLength = 5;
    /// <summary>The reviewer's decisions of the week, newest first, listed up to this many.</summary>
    public const int DecisionListLength = 50;
    /// <summary>The ended-employments list shows this many.</summary>
    public const int EndedEmploymentsLimit = 500;

    private static IQueryable<int> OneRow(BackOfficeDbContext db) => db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"");

    public static async Task<AdministratorHome> AdministratorAsync(BackOfficeDbContext db, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var limit = WorkQueues.CountLimit;
        var underProcessing = WorkQueues.In(db, WorkQueue.UnderProcessing);
        var awaitingReview = WorkQueues.In(db, WorkQueue.AwaitingReview);
        var awaitingFinalReview = WorkQueues.In(db, WorkQueue.AwaitingFinalReview);
        var overdue = RevocationDashboard.Filtered(db, RevocationFilter.Overdue, now);
        var dueSoon = RevocationDashboard.Filtered(db, RevocationFilter.DueSoon, now);
        var awaitingApproval = RevocationDashboard.Filtered(db, RevocationFilter.AwaitingApproval, now);
        var ended = EndedEmploymentCertificates.Rows(db, today, now);
        var unread = Inbox.Unread(db);
        var row = await OneRow(db).Select(_ => new
        {
            UnderProcessing = underProcessing.Take(limit + 1).Count(),
            UnderProcessingOldest = underProcessing.OrderBy(a => a.StageChangedAt).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.RegistryNumber, a.StageChangedAt }).FirstOrDefault(),
            AwaitingReview = awaitingReview.Take(limit + 1).Count(),
            AwaitingReviewOldest = awaitingReview.OrderBy(a => a.StageChangedAt).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.RegistryNumber, a.StageChangedAt }).FirstOrDefault(),
            AwaitingFinalReview = awaitingFinalReview.Take(limit + 1).Count(),
            AwaitingFinalReviewOldest = awaitingFinalReview.OrderBy(a => a.StageChangedAt).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.RegistryNumber, a.StageChangedAt }).FirstOrDefault(),
            Overdue = overdue.Count(),
            DueSoon = dueSoon.Count(),
            AwaitingApproval = awaitingApproval.Count(),
            Ended = ended.Take(EndedEmploymentsLimit + 1).Count(),
            Unread = unread.Take(limit + 1).Count(),
        }).SingleAsync(ct);
        QueueWaiting Queue(WorkQueue q, int count, Guid? id, string? number, DateTimeOffset? since) => new(q, HomeCount.Of(count, limit), id, number, since);
        return new AdministratorHome(
        [
            Queue(WorkQueue.UnderProcessing, row.UnderProcessing, row.UnderProcessingOldest?.Id, row.UnderProcessingOldest?.RegistryNumber, row.UnderProcessingOldest?.StageChangedAt),
            Queue(WorkQueue.AwaitingReview, row.AwaitingReview, row.AwaitingReviewOldest?.Id, row.AwaitingReviewOldest?.RegistryNumber, row.AwaitingReviewOldest?.StageChangedAt),
            Queue(WorkQueue.AwaitingFinalReview, row.AwaitingFinalReview, row.AwaitingFinalReviewOldest?.Id, row.AwaitingFinalReviewOldest?.RegistryNumber,
                row.AwaitingFinalReviewOldest?.StageChangedAt),
        ], row.Overdue, row.DueSoon, row.AwaitingApproval, HomeCount.Of(row.Ended, EndedEmploymentsLimit), HomeCount.Of(row.Unread, limit));
    }

    /// <summary>
    /// The review queue from the reviewer's side: steps and final reviews waiting, oldest first (as /Reviews lists them), the final
    /// reviews the four-eyes rule (<see cref="Application.BarsFinalReviewer"/>) bars them from, and their own decisions since <paramref name="weekStart"/>.
    /// </summary>
    public static async Task<ReviewerHome> ReviewerAsync(BackOfficeDbContext db, Guid reviewerId, bool allowSameReviewer, DateTimeOffset weekStart, CancellationToken ct)
    {
        var waitingSteps = db.Steps.AsNoTracking().Where(s => s.Status == StepStatus.AwaitingReview);
        var finals = db.Applications.AsNoTracking().Where(a => a.Stage == ApplicationStage.AwaitingFinalReview);
        // Among the final reviews only (not every application): the planner checks the rule for the few thousand waiting.
        var barred = allowSameReviewer ? finals.Where(a => false).Select(a => a.Id) : finals.Where(Application.BarsFinalReviewer(reviewerId)).Select(a => a.Id);
        // The kinds inline (an IN list of constants), so the planner matches the partial index ix_history_entries_decisions.
        var decisions = db.HistoryEntries.AsNoTracking().Where(h => h.ActorId == reviewerId && h.At >= weekStart
            && new[] { HistoryKind.StepApproved, HistoryKind.StepNotApproved, HistoryKind.Issued, HistoryKind.Refused }.Contains(h.Kind));

        var counts = await OneRow(db).Select(_ => new
        {
            Steps = waitingSteps.Count(),
            Finals = finals.Count(),
            Barred = barred.Count(),
            Decisions = decisions.Count(),
        }).SingleAsync(ct);
        var steps = await waitingSteps.Join(db.Applications, s => s.ApplicationId, a => a.Id, (s, a) => new { s, a })
            .OrderBy(x => x.s.AwaitingReviewSince).ThenBy(x => x.s.Id).Take(ReviewListLength)
            .Select(x => new ReviewWaiting(x.s.Id, x.a.Id, x.a.RegistryNumber, x.s.Name, x.s.StepTemplateId, x.s.AwaitingReviewSince ?? x.a.StageChangedAt, false))
            .ToListAsync(ct);
        var finalRows = await finals.OrderBy(a => a.StageChangedAt).ThenBy(a => a.Id).Take(ReviewListLength)
            .Select(a => new ReviewWaiting(a.Id, a.Id, a.RegistryNumber, a.CertificateType.Code, null, a.StageChangedAt, barred.Contains(a.Id)))
            .ToListAsync(ct);
        var own = await decisions.Join(db.Applications, h => h.ApplicationId, a => a.Id, (h, a) => new { h, a })
            .OrderByDescending(x => x.h.At).ThenByDescending(x => x.h.Id).Take(DecisionListLength)
            .Select(x => new OwnDecision(x.a.Id, x.a.RegistryNumber, x.h.Kind, x.h.Detail, x.h.At))
            .ToListAsync(ct);
        return new ReviewerHome(counts.Steps, counts.Finals, counts.Barred, steps, finalRows, counts.Decisions, own, weekStart);
    }

    /// <summary>The auditor's own exports listed, newest first (the reports page has the rest).</summary>
    public const int ExportListLength = 5;

    public static async Task<AuditorHome> AuditorAsync(BackOfficeDbContext db, Guid auditorId, CancellationToken ct)
    {
        var row = await OneRow(db).Select(_ => new
        {
            Checkpoint = db.AuditEvents.Where(e => e.Action == AuditActions.ChainCheckpoint).OrderByDescending(e => e.Position)
                .Select(e => new { e.EntityId, e.OccurredAt }).FirstOrDefault(),
            Head = db.AuditEvents.OrderByDescending(e => e.Position).Select(e => (long?)e.Position).FirstOrDefault(),
            Verified = db.AuditEvents.Where(e => e.Action == AuditActions.AuditVerified).OrderByDescending(e => e.Position)
                .Select(e => new { e.OccurredAt, e.ActorName, e.Details }).FirstOrDefault(),
        }).SingleAsync(ct);
        var exports = await db.ExportJobs.AsNoTracking().Where(j => j.RequestedById == auditorId).OrderByDescending(j => j.RequestedAt).ThenBy(j => j.Id)
            .Take(ExportListLength).ToListAsync(ct);
        LastVerification? verification = null;
        if (row.Verified is { } v)
        {
            // The details Verify records: result (intact or broken) and how many events it checked.
            var details = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(v.Details) ?? [];
            verification = new LastVerification(v.OccurredAt, v.ActorName, details.GetValueOrDefault("result") == "intact", details.GetValueOrDefault("events"));
        }
        // A checkpoint event names the head it signs (AuditCheckpoints writes the position as its entity id).
        return new AuditorHome(row.Checkpoint is { } c && long.TryParse(c.EntityId, System.Globalization.CultureInfo.InvariantCulture, out var signed)
            ? new LatestCheckpoint(signed, c.OccurredAt) : null, row.Head ?? 0, verification, exports);
    }

    /// <summary>Counts only: the System administrator's home names nobody (separation of duties; no personal data).</summary>
    public static async Task<SystemAdministratorHome> SystemAdministratorAsync(BackOfficeDbContext db, CancellationToken ct)
    {
        IQueryable<StaffUser> WithRole(string role)
        {
            var roleId = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
            return db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        }
        var administrators = WithRole(Roles.Administrator);
        var reviewers = WithRole(Roles.Reviewer);
        var auditors = WithRole(Roles.Auditor);
        var systemAdministrators = WithRole(Roles.SystemAdministrator);
        var row = await OneRow(db).Select(_ => new
        {
            Administrator = administrators.Count(),
            Reviewer = reviewers.Count(),
            Auditor = auditors.Count(),
            SystemAdministrator = systemAdministrators.Count(),
            Staff = db.Users.Count(),
            Invited = db.Users.Count(u => u.DisabledAt == null && u.PasswordHash == null),
            Disabled = db.Users.Count(u => u.DisabledAt != null),
            Waiting = db.OutboxMessages.Count(m => m.Status == OutboxStatus.Pending),
            Failed = db.OutboxMessages.Count(m => m.Status == OutboxStatus.Failed),
        }).SingleAsync(ct);
        // A handful of types with their step templates: whether a text lacks a language is the model's rule, read in memory.
        var types = await db.CertificateTypes.AsNoTracking().Include(t => t.StepTemplates).ToListAsync(ct);
        return new SystemAdministratorHome(new Dictionary<string, int>
            {
                [Roles.Administrator] = row.Administrator, [Roles.Reviewer] = row.Reviewer, [Roles.Auditor] = row.Auditor,
                [Roles.SystemAdministrator] = row.SystemAdministrator,
            }, row.Staff, row.Invited, row.Disabled, row.Waiting, row.Failed, types.Count(t => t.LacksTranslations), types.Count);
    }
}
