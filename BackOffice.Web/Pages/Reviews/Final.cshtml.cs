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

/// <summary>The final review: the model's checklist and four-eyes rule, then Issue or Refuse (with a reason), through the one change path.</summary>
public class FinalModel(BackOfficeDbContext db, FinalReviews reviews, AuditTrail audit, CurrentStaff staff, TimeProvider clock, OfficeTime time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Final.Reason")]
    public string? Reason { get; set; }
    /// <summary>The application's version when the page was read: a decision on a since-changed application is refused.</summary>
    [BindProperty] public uint Version { get; set; }
    /// <summary>Issue asks first (a dialog with JavaScript; without it, this page again with the question); the answer sets this.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    /// <summary>Issue was asked for without its confirmation: the page asks.</summary>
    public bool AskToConfirm { get; private set; }
    public Application Application { get; private set; } = null!;
    public Certificate? Certificate { get; private set; }
    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];
    public string? FourEyesConflict { get; private set; }
    public string? Conflict { get; private set; }
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

    public async Task<IActionResult> OnPostIssueAsync(Guid applicationId, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await ReloadAsync(applicationId, ct);
        if (!Confirmed)
        {
            AskToConfirm = true;
            return await ReloadAsync(applicationId, ct);
        }
        var outcome = await reviews.IssueAsync(applicationId, Version, staff.Actor, ct);
        return await DecidedAsync(applicationId, outcome, now => l["Final.Issued", outcome.Value!.Number, now.RegistryNumber].Value, ct);
    }

    public async Task<IActionResult> OnPostRefuseAsync(Guid applicationId, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await ReloadAsync(applicationId, ct);
        var outcome = await reviews.RefuseAsync(applicationId, Version, Reason, staff.Actor, ct);
        return await DecidedAsync(applicationId, outcome, now => l["Final.Refused", now.RegistryNumber].Value, ct);
    }

    private async Task<IActionResult> DecidedAsync<T>(Guid applicationId, ChangeOutcome<T> outcome, Func<ApplicationSnapshot, string> done, CancellationToken ct)
    {
        if (outcome is { Result: ChangeResult.Done, Now: { } decided })
        {
            TempData["Flash"] = done(decided);
            return RedirectToPage("/Reviews/Final", new { applicationId });
        }
        // Only a refused or lost decision shows the page again, as it is now.
        if (outcome.Result == ChangeResult.NotFound || !await LoadAsync(applicationId, ct)) return NotFound();
        switch (outcome)
        {
            case { Result: ChangeResult.Refused, Error: { } e }:
                ModelState.AddModelError(e.Code == ErrorCodes.ReasonRequired ? nameof(Reason) : string.Empty, l.Error(e));
                break;
            case { Now: { } now }:
                Conflict = l.WhatChanged(now, time);
                break;
        }
        return Page();
    }

    private async Task<IActionResult> ReloadAsync(Guid applicationId, CancellationToken ct) => await LoadAsync(applicationId, ct, keepVersion: true) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid applicationId, CancellationToken ct, bool keepVersion = false)
    {
        if (await db.LoadForChangeAsync(applicationId, ct) is not { } app) return false;
        db.ChangeTracker.Clear();
        Application = app;
        if (!keepVersion) Version = app.Version;
        Certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.ApplicationId == applicationId, ct);
        Checklist = app.FinalReviewChecklist(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        FourEyesConflict = app.FinalReviewerConflict(staff.Id, reviews.AllowSameReviewer);
        return true;
    }
}
