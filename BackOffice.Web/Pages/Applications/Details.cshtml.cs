using BackOffice.Data.Domain.Audit;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Applications;

/// <summary>One application: header, steps, attestation, invoice recipient, decisions, history, event log, and what the reader may do now.</summary>
public class DetailsModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff) : PageModel
{
    public Application Application { get; private set; } = null!;
    public IReadOnlyList<IssuanceAction> Actions { get; private set; } = [];
    public EventLogPage Events { get; private set; } = null!;
    /// <summary>The certificate issued on this application, with its revocation state (issue 13).</summary>
    public BackOffice.Web.Pages.Revocations.CertificateSummary? Certificate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int ep = 1, bool views = false, CancellationToken ct = default)
    {
        var application = await db.Applications.AsNoTracking().AsSplitQuery()
            .Include(a => a.Person).Include(a => a.CertificateType).Include(a => a.Organisation)
            .Include(a => a.Steps).ThenInclude(s => s.Files)
            .Include(a => a.Steps).ThenInclude(s => s.StepTemplate)
            .Include(a => a.History).Include(a => a.Decisions)
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return NotFound();
        Application = application;
        Actions = ApplicationActions.For(application, User);
        Certificate = await BackOffice.Web.Pages.Revocations.CertificateSummary.Query(db, db.Certificates.Where(c => c.ApplicationId == id)).FirstOrDefaultAsync(ct);
        // Recorded before reading, so the event log (with views shown) lists this very view too.
        await audit.RecordAsync(staff.Actor, AuditActions.ApplicationViewed, "Application", id.ToString(), application.PersonId, id, ct: ct);
        Events = await EventLog.PageAsync(db, db.AuditEvents.Where(e => e.ApplicationId == id), views, ep, ct);
        return Page();
    }
}
