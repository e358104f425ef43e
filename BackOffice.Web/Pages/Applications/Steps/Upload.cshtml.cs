using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Applications.Steps;

/// <summary>An Administrator uploads a file they received for a step, streamed (the antiforgery token is checked before the file is read).</summary>
[Authorize(Policy = Policies.Administrator)]
[IgnoreAntiforgeryToken, DisableFormValueModelBinding]
public class UploadModel(BackOfficeDbContext db, StepFileUploads uploads, StreamedUpload streamed, DocumentStore store,
    CurrentStaff staff, IStringLocalizer<SharedResource> l) : PageModel
{
    public StepSummary Step { get; private set; } = null!;
    public long MaxMegabytes => store.MaxFileBytes / (1024 * 1024);

    public sealed record StepSummary(Guid ApplicationId, string RegistryNumber, string PersonName, string StepName, string? Instructions,
        StepStatus Status, string? ReviewReason, IReadOnlyList<StepFileRow> Files);

    public sealed record StepFileRow(int VersionNumber, string FileName, long SizeBytes, DateTimeOffset UploadedAt, string UploadedByName);

    public async Task<IActionResult> OnGetAsync(Guid applicationId, Guid stepId)
    {
        Step = (await LoadSummaryAsync(applicationId, stepId))!;
        return Step is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid applicationId, Guid stepId, CancellationToken ct)
    {
        var summary = await LoadSummaryAsync(applicationId, stepId);
        var application = summary is null ? null : await db.LoadForChangeAsync(applicationId, ct);
        if (summary is null || application is null) return NotFound();
        Step = summary;
        try
        {
            var result = await streamed.ReadAsync(HttpContext, (file, name) => uploads.UploadAsync(application, stepId, file, name, staff.Actor, ct), ct);
            if (result.File is { } version)
            {
                TempData["Flash"] = l["Upload.Done", version.FileName, Step.StepName].Value;
                return Redirect($"/Applications/{applicationId}");
            }
            ModelState.AddModelError("File", l["Error.FileMissing"]);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
        catch (DocumentRejectedException e)
        {
            ModelState.AddModelError("File", e.Code == ErrorCodes.FileTooLarge ? l["Error.FileTooLargeLimit", MaxMegabytes] : l[e.Code]);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(l, e);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["Upload.Conflict"]);
        }
        await StreamedUpload.DrainAsync(Request.Body, ct);
        return Page();
    }

    private Task<StepSummary?> LoadSummaryAsync(Guid applicationId, Guid stepId) =>
        db.Steps.AsNoTracking().Where(s => s.Id == stepId && s.ApplicationId == applicationId)
            .Join(db.Applications, s => s.ApplicationId, a => a.Id, (s, a) => new StepSummary(a.Id, a.RegistryNumber, a.Person.FirstNames + " " + a.Person.LastName,
                s.Name, s.StepTemplate!.Instructions, s.Status, s.ReviewReason,
                s.Files.OrderByDescending(f => f.VersionNumber).Select(f => new StepFileRow(f.VersionNumber, f.FileName, f.SizeBytes, f.UploadedAt, f.UploadedByName)).ToList()))
            .FirstOrDefaultAsync();
}
