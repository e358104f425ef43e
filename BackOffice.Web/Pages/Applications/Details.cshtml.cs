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
    public const int EventLogSize = 200;

    public Application Application { get; private set; } = null!;
    public IReadOnlyList<IssuanceAction> Actions { get; private set; } = [];
    public IReadOnlyList<EventRow> Events { get; private set; } = [];

    public sealed record EventRow(DateTimeOffset At, string ActorName, string Action, string Details);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
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
        Events = await db.AuditEvents.AsNoTracking().Where(e => e.ApplicationId == id)
            .OrderByDescending(e => e.Position).Take(EventLogSize)
            .Select(e => new EventRow(e.OccurredAt, e.ActorName, e.Action, e.Details)).ToListAsync(ct);
        await audit.RecordAsync(staff.Actor, "application.viewed", "Application", id.ToString(), application.PersonId, id, ct: ct);
        return Page();
    }
}
