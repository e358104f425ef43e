using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Applications;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Queues;

/// <summary>
/// The queues count the queue the model writes on every change; after every kind of change it agrees with a full recount
/// of the rule the queues were once computed by (stage, archived, a file to review, an unacknowledged decision).
/// </summary>
public class QueueColumnTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static readonly Actor Admin = ApplicationBuilder.Admin, Reviewer = ApplicationBuilder.Reviewer, Final = ApplicationBuilder.FinalReviewer;

    /// <summary>The applications whose stored queue differs from a recount over their steps and decisions.</summary>
    private async Task<List<string>> MismatchesAsync()
    {
        await using var db = app.Db();
        return await db.Database.SqlQuery<string>($"""
            SELECT a.registry_number || ': ' || a.queue || '/' || a.awaits_acknowledgement || ' but ' || r.queue || '/' || r.ack AS "Value"
            FROM applications a
            CROSS JOIN LATERAL (SELECT
                CASE WHEN a.archived_at IS NOT NULL THEN 'Archive'
                     WHEN a.stage IN ('Issued', 'Cancelled', 'Rejected') THEN 'Completed'
                     WHEN EXISTS (SELECT 1 FROM steps s WHERE s.application_id = a.id AND s.status = 'AwaitingReview') THEN 'AwaitingReview'
                     WHEN a.stage = 'ReturnedForCompletion' THEN 'ReturnedForCompletion'
                     WHEN a.stage = 'AwaitingFinalReview' THEN 'AwaitingFinalReview'
                     ELSE 'UnderProcessing' END AS queue,
                a.archived_at IS NULL AND EXISTS (SELECT 1 FROM decisions d WHERE d.application_id = a.id AND d.acknowledged_at IS NULL) AS ack) r
            WHERE a.queue <> r.queue OR a.awaits_acknowledgement <> r.ack
            """).ToListAsync();
    }

    /// <summary>One change, as the app makes it: loaded for change, one domain method, saved; then the queues must agree.</summary>
    private async Task ChangeAsync(Guid id, Func<Application, Task> change, WorkQueue expected)
    {
        await using (var db = app.Db())
        {
            var application = await db.LoadForChangeAsync(id) ?? throw new InvalidOperationException("No application");
            await change(application);
            await db.SaveChangesAsync();
        }
        Assert.Empty(await MismatchesAsync());
        await using var check = app.Db();
        Assert.Equal(expected, await check.Applications.Where(a => a.Id == id).Select(a => a.Queue).SingleAsync());
    }

    private DateTimeOffset At => app.Clock.GetUtcNow();

    [Fact]
    public async Task Every_kind_of_change_keeps_the_queue_column_equal_to_a_recount()
    {
        var fgas = await app.ApplicationAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.Submitted);
        Assert.Empty(await MismatchesAsync());
        var id = fgas.Id;
        var stepId = fgas.Steps[0].Id;
        await ChangeAsync(id, a => { a.StartProcessing(Admin, At); return Task.CompletedTask; }, WorkQueue.UnderProcessing);
        await ChangeAsync(id, a => Support.Applications.UploadAllAsync(app, a, Admin, At), WorkQueue.AwaitingReview);
        await ChangeAsync(id, a => { a.RejectStep(stepId, "Unreadable", Reviewer, At); return Task.CompletedTask; }, WorkQueue.ReturnedForCompletion);
        await ChangeAsync(id, a => Support.Applications.UploadAllAsync(app, a, Admin, At), WorkQueue.AwaitingReview);
        await ChangeAsync(id, a => { foreach (var s in a.Steps.Where(s => s.Status == StepStatus.AwaitingReview).ToList()) a.ApproveStep(s.Id, Reviewer, At); return Task.CompletedTask; },
            WorkQueue.UnderProcessing);
        await ChangeAsync(id, a => { a.RecordAttestation(Admin, At, "Signed"); return Task.CompletedTask; }, WorkQueue.UnderProcessing);
        await ChangeAsync(id, a =>
        {
            a.RecordInvoiceRecipient(new InvoiceRecipient(InvoiceRecipientKind.Employer, "Mannerheimintie 1", null, "Helsinki", "FI", "00100", null, null, null), Admin, At);
            return Task.CompletedTask;
        }, WorkQueue.AwaitingFinalReview);
        await ChangeAsync(id, a => { a.Issue("C-2026-9000001", "0A", Final, At); return Task.CompletedTask; }, WorkQueue.Completed);
        await using (var db = app.Db())
            Assert.True(await db.Applications.Where(a => a.Id == id).Select(a => a.AwaitsAcknowledgement).SingleAsync());
        await ChangeAsync(id, a => { a.AcknowledgeDecision(Actor.System("Public portal"), At); return Task.CompletedTask; }, WorkQueue.Completed);
        await ChangeAsync(id, a => { a.Archive(Admin, At); return Task.CompletedTask; }, WorkQueue.Archive);

        var cancelled = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingSignature);
        await ChangeAsync(cancelled.Id, a => { a.CancelIssuance(Admin, At); return Task.CompletedTask; }, WorkQueue.Completed);
        var refused = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingFinalReview);
        await ChangeAsync(refused.Id, a => { a.Refuse("Not eligible", Final, At); return Task.CompletedTask; }, WorkQueue.Completed);
        var verified = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingDataVerification);
        await ChangeAsync(verified.Id, a => { a.RecordDataVerification(Admin, At, "Population Information System"); return Task.CompletedTask; }, WorkQueue.AwaitingFinalReview);
    }

    [Fact]
    public async Task The_navigation_counts_come_from_the_column()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingFinalReview);
        var client = await app.SignInAsRoleAsync(BackOffice.Data.Domain.Staff.Roles.Reviewer);
        var before = int.Parse((await client.GetDocumentAsync("/")).Text("[data-testid=count-AwaitingFinalReview]"));

        // Only the column moves: the stage still says final review, the count follows the column.
        await using (var db = app.Db())
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE applications SET queue = 'UnderProcessing' WHERE id = {application.Id}");

        Assert.Equal(before - 1, int.Parse((await client.GetDocumentAsync("/")).Text("[data-testid=count-AwaitingFinalReview]")));
    }
}
