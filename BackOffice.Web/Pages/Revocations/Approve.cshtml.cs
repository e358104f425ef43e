using BackOffice.Data;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Revocations;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>The two-person rule: a second Administrator approves a request, which then goes at its send time (now, or the later scheduled time).</summary>
[Authorize(Policy = Policies.Administrator)]
public class ApproveModel(BackOfficeDbContext db, RevocationChanges changes, CurrentStaff staff, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty] public uint Version { get; set; }
    public RevocationRequest Revocation { get; private set; } = null!;
    public CertificateSummary Certificate { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Revocation.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = await changes.ApproveAsync(id, Version, staff.Actor, ct);
        switch (outcome.Result)
        {
            case ChangeResult.NotFound: return NotFound();
            case ChangeResult.Done:
                TempData["Flash"] = l["Revocation.Approved"].Value;
                return RedirectToPage("/Revocations/Details", new { id });
            case ChangeResult.Refused: ModelState.AddDomainError(l, outcome.Error!); break;
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
