using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Localization;
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
[IgnoreAntiforgeryToken, DisableFormValueModelBinding, AcceptsUpload]
public class UploadModel(BackOfficeDbContext db, StepFileUploads uploads, StreamedUpload streamed, DocumentStore store,
    CurrentStaff staff, OfficeTime time, IStringLocalizer<SharedResource> l) : PageModel
{
    public StepSummary Step { get; private set; } = null!;
    public long MaxMegabytes => store.MaxFileBytes / (1024 * 1024);
    /// <summary>The application's version when the page was read; the upload is refused if it changed since.</summary>
    public uint Version { get; private set; }
    public string? Conflict { get; private set; }

    public sealed record StepSummary(Guid ApplicationId, string RegistryNumber, string PersonName, string StepName, string? Instructions,
        StepStatus Status, string? ReviewReason, uint ApplicationVersion, IReadOnlyList<StepFileRow> Files, Guid? StepTemplateId);

    public sealed record StepFileRow(int VersionNumber, string FileName, long SizeBytes, DateTimeOffset UploadedAt, string UploadedByName);

    public async Task<IActionResult> OnGetAsync(Guid applicationId, Guid stepId) => await LoadAsync(applicationId, stepId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid applicationId, Guid stepId, CancellationToken ct)
    {
        if (!await LoadAsync(applicationId, stepId)) return NotFound();
        try
        {
            var result = await streamed.ReadAsync(HttpContext, (file, name, fields) =>
                uploads.UploadAsync(applicationId, stepId, StreamedFileForm.VersionOf(fields), file, name, staff.Actor, ct), ct);
            switch (result.File)
            {
                case null: ModelState.AddModelError("File", l["Error.FileMissing"]); break;
                case { Result: ChangeResult.Done, Value: { } version }:
                    TempData["Flash"] = l["Upload.Done", version.FileName, l.StepName(Step.StepTemplateId, Step.StepName)].Value;
                    return Redirect($"/Applications/{applicationId}");
                case { Result: ChangeResult.NotFound }: return NotFound();
                case { Result: ChangeResult.Refused, Error: { } error }: ModelState.AddDomainError(l, error); break;
                case { Now: { } now }: Conflict = l.WhatChanged(now, time); break;
            }
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
        catch (DocumentRejectedException e)
        {
            ModelState.AddModelError("File", e.Code == ErrorCodes.FileTooLarge ? l["Error.FileTooLargeLimit", MaxMegabytes] : l[e.Code]);
        }
        await StreamedUpload.DrainAsync(Request.Body, ct);
        await LoadAsync(applicationId, stepId);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid applicationId, Guid stepId)
    {
        var summary = await db.Steps.AsNoTracking().Where(s => s.Id == stepId && s.ApplicationId == applicationId)
            .Join(db.Applications, s => s.ApplicationId, a => a.Id, (s, a) => new StepSummary(a.Id, a.RegistryNumber, a.Person.FirstNames + " " + a.Person.LastName,
                s.Name, s.StepTemplate!.Instructions, s.Status, s.ReviewReason, a.Version,
                s.Files.OrderByDescending(f => f.VersionNumber).Select(f => new StepFileRow(f.VersionNumber, f.FileName, f.SizeBytes, f.UploadedAt, f.UploadedByName)).ToList(),
                s.StepTemplateId))
            .FirstOrDefaultAsync();
        if (summary is null) return false;
        (Step, Version) = (summary, summary.ApplicationVersion);
        return true;
    }
}
