using BackOffice.Data.Domain.Audit;
using System.ComponentModel.DataAnnotations;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Steps;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Reviews;

/// <summary>Reviews one step's latest file beside the application's data: Approve, or Not approved with a reason the applicant reads.</summary>
public class StepModel(BackOfficeDbContext db, ApplicationChanges changes, AuditTrail audit, CurrentStaff staff, IStringLocalizer<SharedResource> l,
    Infrastructure.Documents.PdfPreview pdfPreview, OfficeTime time) : PageModel
{
    /// <summary>The PDF page shown as an image in the sandboxed frame (browsers show no PDF inside a sandbox).</summary>
    [BindProperty(SupportsGet = true)] public int PreviewPage { get; set; } = 1;
    public int? PageCount { get; private set; }

    [BindProperty] public ReviewInput Input { get; set; } = new();
    public StepReview Review { get; private set; } = null!;

    public sealed class ReviewInput
    {
        [StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Review.Reason")]
        public string? Reason { get; set; }
        /// <summary>The application's version when the page was read: a review of a since-changed application is refused.</summary>
        public uint Version { get; set; }
    }

    public sealed record StepReview(Guid StepId, Guid ApplicationId, Guid PersonId, string RegistryNumber, string TypeCode, ApplicationStage Stage,
        string PersonName, DateOnly DateOfBirth, string Citizenship, string? HomeMunicipality, string Email,
        string StepName, string? Instructions, StepStatus Status, uint Version, string? ReviewedByName, DateTimeOffset? ReviewedAt, string? ReviewReason,
        IReadOnlyList<FileRow> Files, Guid? StepTemplateId)
    {
        public FileRow? Latest => Files.Count > 0 ? Files[0] : null;
        public string FileUrl(FileRow f, bool download = false) => $"/Applications/{ApplicationId}/Steps/{StepId}/Files/{f.Id}{(download ? "?download=true" : "")}";
        public string PreviewUrl(FileRow f, int page) => $"/Applications/{ApplicationId}/Steps/{StepId}/Files/{f.Id}?previewPage={page}";
    }

    public sealed record FileRow(Guid Id, int VersionNumber, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, string UploadedByName);

    public async Task<IActionResult> OnGetAsync(Guid stepId, CancellationToken ct)
    {
        if (await LoadAsync(stepId, ct) is not { } review) return NotFound();
        Review = review;
        Input.Version = review.Version;
        await LoadPreviewAsync(review, ct);
        await audit.RecordAsync(staff.Actor, AuditActions.ApplicationViewed, "Application", review.ApplicationId.ToString(), review.PersonId, review.ApplicationId,
            new Dictionary<string, string?> { ["page"] = "step-review", ["step"] = review.StepName }, ct);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid stepId, CancellationToken ct) =>
        DecideAsync(stepId, (app, by, at) => app.ApproveStep(stepId, by, at), "Review.Approved", ct);

    public Task<IActionResult> OnPostRejectAsync(Guid stepId, CancellationToken ct) =>
        DecideAsync(stepId, (app, by, at) => app.RejectStep(stepId, Input.Reason ?? "", by, at), "Review.NotApproved", ct);

    private async Task<IActionResult> DecideAsync(Guid stepId, Action<Application, Actor, DateTimeOffset> decide, string doneKey, CancellationToken ct)
    {
        var applicationId = await db.Steps.Where(s => s.Id == stepId).Select(s => (Guid?)s.ApplicationId).FirstOrDefaultAsync(ct);
        if (applicationId is null) return NotFound();
        string? conflict = null;
        if (ModelState.IsValid)
        {
            var outcome = await changes.ApplyAsync(applicationId.Value, Input.Version, staff.Actor, decide, ct);
            switch (outcome)
            {
                case { Result: ChangeResult.NotFound }: return NotFound();
                case { Result: ChangeResult.Done }:
                    var done = await LoadAsync(stepId, ct);
                    TempData["Flash"] = l[doneKey, l.StepName(done!.StepTemplateId, done.StepName), done.RegistryNumber].Value;
                    return RedirectToPage("/Reviews/Index");
                case { Result: ChangeResult.Refused, Error: { Code: ErrorCodes.ReasonRequired } e }: ModelState.AddModelError("Input.Reason", l.Error(e)); break;
                case { Result: ChangeResult.Refused, Error: { Code: not ErrorCodes.StepNotAwaitingReview } e }: ModelState.AddDomainError(l, e); break;
                case { Now: { } now }: conflict = l.WhatChanged(now, time); break;
            }
        }
        Review = (await LoadAsync(stepId, ct))!;
        if (Review.Status != StepStatus.AwaitingReview && Review.ReviewedByName is { } who && Review.ReviewedAt is { } when)
            ModelState.AddModelError(string.Empty, l["Review.AlreadyReviewed", who, time.At(when), l["StepStatus." + Review.Status]]);
        else if (conflict is not null)
            ModelState.AddModelError(string.Empty, conflict);
        Input.Version = Review.Version;
        // The page shows the document again: its pages are counted as on GET (else it would warn the PDF cannot be shown).
        await LoadPreviewAsync(Review, ct);
        return Page();
    }

    private async Task LoadPreviewAsync(StepReview review, CancellationToken ct)
    {
        if (review.Latest is not { ContentType: "application/pdf" } pdf) return;
        var key = await db.StepFiles.Where(f => f.Id == pdf.Id).Select(f => f.StorageKey).FirstAsync(ct);
        PageCount = await pdfPreview.PageCountAsync(key, ct);
        PreviewPage = Math.Clamp(PreviewPage, 1, Math.Max(PageCount ?? 1, 1));
    }

    private Task<StepReview?> LoadAsync(Guid stepId, CancellationToken ct) =>
        db.Steps.AsNoTracking().Where(s => s.Id == stepId)
            .Join(db.Applications, s => s.ApplicationId, a => a.Id, (s, a) => new StepReview(s.Id, a.Id, a.PersonId, a.RegistryNumber, a.CertificateType.Code, a.Stage,
                a.Person.FirstNames + " " + a.Person.LastName, a.Person.DateOfBirth, a.Person.Citizenship, a.Person.HomeMunicipality, a.Person.Email,
                s.Name, s.StepTemplate!.Instructions, s.Status, a.Version, s.ReviewedByName, s.ReviewedAt, s.ReviewReason,
                s.Files.OrderByDescending(f => f.VersionNumber)
                    .Select(f => new FileRow(f.Id, f.VersionNumber, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt, f.UploadedByName)).ToList(),
                s.StepTemplateId))
            .FirstOrDefaultAsync(ct);
}
