using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>One revocation request: its certificate and holder, where it stands against the 24-hour limit, its attempts, and what the reader may do.</summary>
public class DetailsModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, TimeProvider clock,
    Microsoft.Extensions.Options.IOptionsMonitor<Infrastructure.Revocations.RevocationOptions> options) : PageModel
{
    /// <summary>How near its limit a request shows "Due soon" (<c>Revocation:DueSoonWithin</c>).</summary>
    public TimeSpan DueSoonWithin => options.CurrentValue.DueSoonWithin;
    public RevocationRequest Revocation { get; private set; } = null!;
    public CertificateSummary Certificate { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public bool CanWithdraw { get; private set; }
    public bool CanApprove { get; private set; }
    /// <summary>An Administrator who made the request sees why they cannot approve it.</summary>
    public bool IsOwnRequestAwaitingApproval { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await RequestWithCertificate.LoadAsync(db, id, ct) is not { } loaded) return NotFound();
        var request = Revocation = loaded.Request;
        Certificate = loaded.Certificate;
        Now = clock.GetUtcNow();
        var administrator = User.IsInRole(Roles.Administrator);
        CanWithdraw = administrator && request.CanWithdrawAt(Now);
        CanApprove = administrator && request.CanBeApprovedBy(staff.Id);
        IsOwnRequestAwaitingApproval = administrator && request.State == RevocationState.AwaitingApproval && request.RequestedById == staff.Id;
        await audit.RecordAsync(staff.Actor, AuditActions.RevocationViewed, "RevocationRequest", id.ToString(), request.PersonId, request.ApplicationId,
            new Dictionary<string, string?> { ["certificateNumber"] = Certificate.Number }, ct);
        return Page();
    }
}
