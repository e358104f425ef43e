using System.ComponentModel.DataAnnotations;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.StandardNotes;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.CertificateTypes;

/// <summary>The office's standard notes, by the action they are written for, in English, Swedish and Finnish:
/// add, edit, retire (a retired note is no longer offered; history that carries it still reads it).</summary>
public class NotesModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, IStringLocalizer<SharedResource> l, ReferenceTexts texts) : PageModel
{
    [BindProperty] public NoteInput Input { get; set; } = new();
    public IReadOnlyList<StandardNote> Notes { get; private set; } = [];
    public static IEnumerable<IssuanceAction> Actions => Enum.GetValues<IssuanceAction>().Where(ApplicationActions.IsRecordedWithNote);

    public sealed class NoteInput
    {
        public Guid? NoteId { get; set; }
        public bool Posted { get; set; }
        public IssuanceAction? Action { get; set; }
        [StringLength(500, ErrorMessage = "Validation.MaxLength"), Display(Name = "Notes.Text")] public string? Text { get; set; }
        [StringLength(500, ErrorMessage = "Validation.MaxLength"), Display(Name = "Notes.Text")] public string? TextSv { get; set; }
        [StringLength(500, ErrorMessage = "Validation.MaxLength"), Display(Name = "Notes.Text")] public string? TextFi { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) => ChangeAsync(AuditActions.StandardNoteAdded, () =>
    {
        if (Input.Action is not { } action || !ApplicationActions.IsRecordedWithNote(action))
            throw new DomainException(ErrorCodes.NoteNotForThisAction, "Choose the action the note is for.");
        var note = new StandardNote(action, Input.Text, Input.TextSv, Input.TextFi);
        db.StandardNotes.Add(note);
        return note;
    }, ct);

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => ChangeAsync(AuditActions.StandardNoteEdited, () =>
    {
        var note = Find();
        note.Edit(Input.Text, Input.TextSv, Input.TextFi);
        return note;
    }, ct);

    public Task<IActionResult> OnPostRetireAsync(CancellationToken ct) => ChangeAsync(AuditActions.StandardNoteRetired, () =>
    {
        var note = Find();
        note.Retire();
        return note;
    }, ct);

    public Task<IActionResult> OnPostReinstateAsync(CancellationToken ct) => ChangeAsync(AuditActions.StandardNoteReinstated, () =>
    {
        var note = Find();
        note.Reinstate();
        return note;
    }, ct);

    private StandardNote Find() => Notes.FirstOrDefault(n => n.Id == Input.NoteId)
        ?? throw new DomainException(ErrorCodes.NoteNotForThisAction, "That standard note does not exist.");

    private async Task<IActionResult> ChangeAsync(string action, Func<StandardNote> change, CancellationToken ct)
    {
        await LoadAsync(ct, tracked: true);
        Input.Posted = true;
        if (!ModelState.IsValid) return Page();
        try
        {
            var note = change();
            audit.Add(staff.Actor, action, "StandardNote", note.Id.ToString(), details: new Dictionary<string, string?>
            {
                ["action"] = note.Action.ToString(), ["text"] = note.Text, ["textSv"] = note.TextSv, ["textFi"] = note.TextFi,
            });
            await db.SaveChangesAsync(ct);
            texts.Invalidate();
            TempData["Flash"] = l["Notes.Done." + action[(action.IndexOf('.') + 1)..], note.Texts.In(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)].Value;
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(l, e);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct, bool tracked = false)
    {
        var notes = tracked ? db.StandardNotes : db.StandardNotes.AsNoTracking();
        Notes = (await notes.ToListAsync(ct)).OrderBy(n => n.Action).ThenBy(n => n.Retired).ThenBy(n => n.Text, StringComparer.CurrentCulture).ToList();
    }
}
