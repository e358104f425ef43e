using BackOffice.Data.Domain.Audit;
using BackOffice.Data;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Applications.Steps;

/// <summary>
/// One uploaded version of a step's file, inline (the review page's sandboxed frame) or as a download; the type is the
/// one sniffed at upload. Every time a person's document leaves the office is an audit event.
/// </summary>
public class FileModel(BackOfficeDbContext db, DocumentStore store, PdfPreview pdfPreview, AuditTrail audit, CurrentStaff staff) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid applicationId, Guid stepId, Guid fileId, bool download, int? previewPage, CancellationToken ct)
    {
        var file = await (
                from f in db.StepFiles
                join s in db.Steps on f.StepId equals s.Id
                join a in db.Applications on s.ApplicationId equals a.Id
                where f.Id == fileId && s.Id == stepId && a.Id == applicationId
                select new { f.StorageKey, f.FileName, f.ContentType, f.VersionNumber, StepName = s.Name, a.PersonId })
            .AsNoTracking().FirstOrDefaultAsync(ct);
        if (file is null) return NotFound();
        await audit.RecordAsync(staff.Actor, download ? AuditActions.StepFileDownloaded : AuditActions.StepFileViewed, "StepFile", fileId.ToString(), file.PersonId, applicationId,
            new Dictionary<string, string?> { ["step"] = file.StepName, ["file"] = file.FileName, ["version"] = file.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct);
        if (previewPage is { } page && file.ContentType == "application/pdf")
            return await pdfPreview.RenderPageAsync(file.StorageKey, Math.Max(page, 1), ct) is { } png
                ? DocumentResults.File(Response, new MemoryStream(png), "image/png", Path.ChangeExtension(file.FileName, $".page{page}.png"), download: false)
                : StatusCode(StatusCodes.Status422UnprocessableEntity);
        return DocumentResults.File(Response, store.OpenRead(file.StorageKey), file.ContentType, file.FileName, download);
    }
}
