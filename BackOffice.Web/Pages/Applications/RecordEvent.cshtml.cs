using System.ComponentModel.DataAnnotations;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Applications;

/// <summary>An Administrator records, with a note or one of the office's standard notes for it, an event from outside the
/// office (or starts processing).</summary>
[Authorize(Policy = Policies.Administrator)]
public class RecordEventModel(BackOfficeDbContext db, ApplicationChanges changes, CurrentStaff staff, IStringLocalizer<SharedResource> l, OfficeTime time) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public IssuanceAction Kind { get; private set; }
    public string RegistryNumber { get; private set; } = "";
    public ApplicationStage Stage { get; private set; }
    public string? Conflict { get; private set; }
    /// <summary>The office's standard notes for this action, offered instead of (or besides) writing one.</summary>
    public IReadOnlyList<BackOffice.Data.Domain.StandardNotes.StandardNote> StandardNotes { get; private set; } = [];

    public sealed class InputModel
    {
        public uint Version { get; set; }
        [StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "RecordEvent.Note")]
        public string? Note { get; set; }
        public Guid? StandardNoteId { get; set; }
        public InvoiceRecipientKind RecipientKind { get; set; } = InvoiceRecipientKind.Employer;
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "Invoice.AddressLine1")] public string? AddressLine1 { get; set; }
        [StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "Invoice.AddressLine2")] public string? AddressLine2 { get; set; }
        [StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Invoice.City")] public string? City { get; set; }
        [StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Invoice.Country")] public string? Country { get; set; }
        [StringLength(20, ErrorMessage = "Validation.MaxLength"), Display(Name = "Invoice.Postcode")] public string? Postcode { get; set; }
        [StringLength(40, ErrorMessage = "Validation.MaxLength"), Display(Name = "Invoice.Phone")] public string? Phone { get; set; }
        [StringLength(320, ErrorMessage = "Validation.MaxLength"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Invoice.Email")] public string? Email { get; set; }
        [StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Invoice.Reference")] public string? Reference { get; set; }

        public InvoiceRecipient Recipient() => new(RecipientKind, AddressLine1?.Trim(), AddressLine2?.Trim(), City?.Trim(), Country?.Trim(),
            Postcode?.Trim(), Phone?.Trim(), Email?.Trim(), Reference?.Trim());
    }

    public async Task<IActionResult> OnGetAsync(Guid id, string kind, CancellationToken ct)
    {
        if (!ApplicationActions.TryParseRecordable(kind, out var action) || !await LoadAsync(id, action, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string kind, CancellationToken ct) =>
        ApplicationActions.TryParseRecordable(kind, out var action) ? await RecordAsync(id, action, ct) : NotFound();

    private async Task<IActionResult> RecordAsync(Guid id, IssuanceAction kind, CancellationToken ct)
    {
        var standard = Input.StandardNoteId is { } noteId ? await db.StandardNotes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == noteId, ct) : null;
        if (Input.StandardNoteId is not null && standard is null)
            ModelState.AddModelError("Input.StandardNoteId", l[BackOffice.Data.Domain.ErrorCodes.NoteNotForThisAction]);
        else if (standard is null && string.IsNullOrWhiteSpace(Input.Note))
            ModelState.AddModelError("Input.Note", l["Validation.Required", l["RecordEvent.Note"]]);
        if (ModelState.IsValid)
        {
            var outcome = await changes.ApplyAsync(id, Input.Version, staff.Actor, (app, by, at) =>
            {
                if (kind == IssuanceAction.StartProcessing) app.StartProcessing(by, at, Input.Note, standard);
                else app.RecordOutsideEvent(new OutsideEvent(kind, Input.Note, kind == IssuanceAction.RecordInvoiceRecipient ? Input.Recipient() : null, standard), by, at);
            }, ct);
            if (outcome.Result == ChangeResult.NotFound) return NotFound();
            if (outcome.Succeeded)
            {
                TempData["Flash"] = l["RecordEvent.Done", l["Action." + kind]].Value;
                return RedirectToPage("/Applications/Details", new { id });
            }
            if (outcome.Result == ChangeResult.Refused) ModelState.AddDomainError(l, outcome.Error!);
            else Conflict = l.WhatChanged(outcome.Now!, time);
        }
        if (!await LoadAsync(id, kind, ct, keepVersion: Conflict is null)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, IssuanceAction kind, CancellationToken ct, bool keepVersion = false)
    {
        var row = await db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.RegistryNumber, a.Stage, a.Version }).SingleOrDefaultAsync(ct);
        if (row is null) return false;
        (Kind, RegistryNumber, Stage) = (kind, row.RegistryNumber, row.Stage);
        StandardNotes = await db.StandardNotes.AsNoTracking().Where(n => n.Action == kind && !n.Retired).OrderBy(n => n.Text).ToListAsync(ct);
        if (!keepVersion) Input.Version = row.Version;
        return true;
    }
}
