using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure.Applications;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// A new file version on an application's step, from the application page (an Administrator on the applicant's behalf) or
/// the intake API, through the one change path: the version seen and the step's readiness are checked before any byte is
/// kept, the file is streamed to the document store, then <see cref="Application.UploadStepFile"/> records it. A refused,
/// conflicting or failed upload leaves no file behind.
/// </summary>
public sealed class StepFileUploads(ApplicationChanges changes, DocumentStore store)
{
    /// <summary>Throws <see cref="DocumentRejectedException"/> for a file of the wrong kind, empty or too large (nothing is kept).</summary>
    public Task<ChangeOutcome<StepFile>> UploadAsync(Guid applicationId, Guid stepId, uint? seenVersion, Stream content, string fileName, Actor by,
        CancellationToken ct = default) =>
        changes.ApplyAsync(applicationId, seenVersion, by, async (app, change, token) =>
        {
            app.StepAcceptingFile(stepId);
            var stored = await store.SaveAsync(content, fileName, token);
            change.OnRollback(() => store.Delete(stored.StorageKey));
            return app.UploadStepFile(stepId, stored, change.By, change.At);
        }, ct);
}
