using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure.Applications;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>
/// A new file version on an application's step, from the application page (an Administrator on the applicant's
/// behalf) or the intake API: checked before any byte is kept, streamed to the document store, then recorded by
/// <see cref="Application.UploadStepFile"/> in one SaveChanges. A refused upload leaves no file behind.
/// </summary>
public sealed class StepFileUploads(BackOfficeDbContext db, DocumentStore store, TimeProvider clock)
{
    /// <summary>
    /// Throws <see cref="DomainException"/> when the step takes no file now, <see cref="DocumentRejectedException"/>
    /// for a file of the wrong kind, empty or too large, and DbUpdateConcurrencyException when someone changed the step meanwhile.
    /// </summary>
    public async Task<StepFile> UploadAsync(Application application, Guid stepId, Stream content, string fileName, Actor by, CancellationToken ct = default)
    {
        application.StepAcceptingFile(stepId);
        var stored = await store.SaveAsync(content, fileName, ct);
        try
        {
            var version = application.UploadStepFile(stepId, stored, by, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return version;
        }
        catch
        {
            store.Delete(stored.StorageKey);
            throw;
        }
    }

    /// <summary>The intake API's entry: loads the application, then as above. Null when there is no such application.</summary>
    public async Task<StepFile?> UploadAsync(Guid applicationId, Guid stepId, Stream content, string fileName, Actor by, CancellationToken ct = default) =>
        await db.LoadForChangeAsync(applicationId, ct) is { } application ? await UploadAsync(application, stepId, content, fileName, by, ct) : null;
}
