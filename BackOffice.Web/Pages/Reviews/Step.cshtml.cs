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
public class StepModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, TimeProvider clock, IStringLocalizer<SharedResource> l,
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
        /// <summary>The step's version when the page was read: a review of a since-changed step is refused.</summary>
        public uint Version { get; set; }
    }

    public sealed record StepReview(Guid StepId, Guid ApplicationId, Guid PersonId, string RegistryNumber, string TypeCode, ApplicationStage Stage,
        string PersonName, DateOnly DateOfBirth, string Citizenship, string? HomeMunicipality, string Email,
        string StepName, string? Instructions, StepStatus Status, uint Version, string? ReviewedByName, DateTimeOffset? ReviewedAt, string? ReviewReason,
        IReadOnlyList<FileRow> Files)
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
        if (review.Latest is { ContentType: "application/pdf" } pdf)
        {
            var key = await db.StepFiles.Where(f => f.Id == pdf.Id).Select(f => f.StorageKey).FirstAsync(ct);
            PageCount = await pdfPreview.PageCountAsync(key, ct);
            PreviewPage = Math.Clamp(PreviewPage, 1, Math.Max(PageCount ?? 1, 1));
        }
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
        if (applicationId is null || await db.LoadForChangeAsync(applicationId.Value, ct) is not { } application) return NotFound();
        if (ModelState.IsValid)
        {
            var step = application.Steps.Single(s => s.Id == stepId);
            try
            {
                if (step.Version != Input.Version) throw new DbUpdateConcurrencyException("The step changed after the page was read.");
                db.Entry(step).Property(s => s.Version).OriginalValue = Input.Version;
                decide(application, staff.Actor, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                TempData["Flash"] = l[doneKey, step.Name, application.RegistryNumber].Value;
                return RedirectToPage("/Reviews/Index");
            }
            catch (DomainException e) when (e.Code == ErrorCodes.ReasonRequired)
            {
                ModelState.AddModelError("Input.Reason", l.Error(e));
            }
            catch (DomainException e) when (e.Code != ErrorCodes.StepNotAwaitingReview)
            {
                ModelState.AddDomainError(l, e);
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException or DomainException)
            {
                db.ChangeTracker.Clear();
            }
        }
        Review = (await LoadAsync(stepId, ct))!;
        if (Review.Version != Input.Version || Review.Status != StepStatus.AwaitingReview)
            ModelState.AddModelError(string.Empty, Review.ReviewedByName is { } who && Review.ReviewedAt is { } when
                ? l["Review.AlreadyReviewed", who, time.At(when), l["StepStatus." + Review.Status]]
                : l["Review.ChangedMeanwhile"]);
        Input.Version = Review.Version;
        return Page();
    }

    private Task<StepReview?> LoadAsync(Guid stepId, CancellationToken ct) =>
        db.Steps.AsNoTracking().Where(s => s.Id == stepId)
            .Join(db.Applications, s => s.ApplicationId, a => a.Id, (s, a) => new StepReview(s.Id, a.Id, a.PersonId, a.RegistryNumber, a.CertificateType.Code, a.Stage,
                a.Person.FirstNames + " " + a.Person.LastName, a.Person.DateOfBirth, a.Person.Citizenship, a.Person.HomeMunicipality, a.Person.Email,
                s.Name, s.StepTemplate!.Instructions, s.Status, s.Version, s.ReviewedByName, s.ReviewedAt, s.ReviewReason,
                s.Files.OrderByDescending(f => f.VersionNumber)
                    .Select(f => new FileRow(f.Id, f.VersionNumber, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt, f.UploadedByName)).ToList()))
            .FirstOrDefaultAsync(ct);
}
