using BackOffice.Data.Domain.Audit;
using System.ComponentModel.DataAnnotations;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
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

/// <summary>The final review: the model's checklist and four-eyes rule, then Issue or Refuse (with a reason).</summary>
public class FinalModel(BackOfficeDbContext db, FinalReviews reviews, AuditTrail audit, CurrentStaff staff, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Final.Reason")]
    public string? Reason { get; set; }
    public Application Application { get; private set; } = null!;
    public Certificate? Certificate { get; private set; }
    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];
    public string? FourEyesConflict { get; private set; }
    /// <summary>The application waits for its final review (the state machine allows Issue now).</summary>
    public bool IsDue => Application.AllowedActions().Contains(IssuanceAction.Issue);
    public bool CanDecide => IsDue && FourEyesConflict is null;

    public async Task<IActionResult> OnGetAsync(Guid applicationId, CancellationToken ct)
    {
        if (!await LoadAsync(applicationId, ct)) return NotFound();
        await audit.RecordAsync(staff.Actor, AuditActions.ApplicationViewed, "Application", applicationId.ToString(), Application.PersonId, applicationId,
            new Dictionary<string, string?> { ["page"] = "final-review" }, ct);
        return Page();
    }

    public Task<IActionResult> OnPostIssueAsync(Guid applicationId, CancellationToken ct) =>
        DecideAsync(applicationId, async app =>
        {
            var certificate = await reviews.IssueAsync(app, staff.Actor, ct);
            return l["Final.Issued", certificate.Number, app.RegistryNumber].Value;
        }, ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid applicationId, CancellationToken ct) =>
        DecideAsync(applicationId, async app =>
        {
            await reviews.RefuseAsync(app, Reason, staff.Actor, ct);
            return l["Final.Refused", app.RegistryNumber].Value;
        }, ct);

    private async Task<IActionResult> DecideAsync(Guid applicationId, Func<Application, Task<string>> decide, CancellationToken ct)
    {
        if (!await LoadAsync(applicationId, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        try
        {
            TempData["Flash"] = await decide(Application);
            return RedirectToPage("/Reviews/Final", new { applicationId });
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Code == ErrorCodes.ReasonRequired ? nameof(Reason) : string.Empty, l.Error(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["Final.ChangedMeanwhile"]);
        }
        db.ChangeTracker.Clear();
        await LoadAsync(applicationId, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid applicationId, CancellationToken ct)
    {
        if (await db.LoadForChangeAsync(applicationId, ct) is not { } app) return false;
        Application = app;
        Certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.ApplicationId == applicationId, ct);
        Checklist = app.FinalReviewChecklist(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        FourEyesConflict = app.FinalReviewerConflict(staff.Id, reviews.AllowSameReviewer);
        return true;
    }
}
