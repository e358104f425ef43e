using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Revocations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>
/// What the pages that change a request (withdraw, approve) share: the request and its certificate, the version the form carries,
/// and one answer to the change path's outcome — a redirect with the flash, the refusal on the page, or the conflict.
/// </summary>
public abstract class RequestChangePage(BackOfficeDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock, AuditTrail audit, CurrentStaff staff)
    : PageModel
{
    /// <summary>Who is signed in (the change's actor).</summary>
    protected CurrentStaff Staff { get; } = staff;
    /// <summary>The page's name in the view event's details ("withdraw", "approve"): its sentence in the event log.</summary>
    protected abstract string ViewedPage { get; }

    [BindProperty] public uint Version { get; set; }
    public RevocationRequest Revocation { get; private set; } = null!;
    public CertificateSummary Certificate { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Revocation.Version;
        // It shows the holder and the certificate: a view, as the request page and the person card record theirs.
        await audit.RecordAsync(Staff.Actor, AuditActions.RevocationViewed, "RevocationRequest", id.ToString(), Revocation.PersonId, Revocation.ApplicationId,
            new Dictionary<string, string?> { ["certificateNumber"] = Certificate.Number, ["page"] = ViewedPage }, ct);
        return Page();
    }

    /// <summary>The field a refusal belongs on (the summary at the form's top by default).</summary>
    protected virtual string FieldOf(string code) => string.Empty;

    protected async Task<IActionResult> AnswerAsync(Guid id, RevocationOutcome outcome, string doneKey, CancellationToken ct)
    {
        switch (outcome.Result)
        {
            case ChangeResult.NotFound: return NotFound();
            case ChangeResult.Done:
                TempData["Flash"] = l[doneKey].Value;
                return RedirectToPage("/Revocations/Details", new { id });
            case ChangeResult.Refused: ModelState.AddModelError(FieldOf(outcome.Error!.Code), l.Error(outcome.Error)); break;
            default: ModelState.AddModelError(string.Empty, l["Error.RevocationConflict"]); break;
        }
        await LoadAsync(id, ct);
        Version = Revocation.Version;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await RequestWithCertificate.LoadAsync(db, id, ct) is not { } loaded) return false;
        (Revocation, Certificate, Now) = (loaded.Request, loaded.Certificate, clock.GetUtcNow());
        return true;
    }
}
