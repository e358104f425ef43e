using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>Active public-servant and service certificates whose holder's employment has ended, each with a revocation prefilled (affiliation changed).</summary>
[Authorize(Policy = Policies.Administrator)]
public class EndedEmploymentsModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, TimeProvider clock, OfficeTime office) : PageModel
{
    public IReadOnlyList<EndedEmploymentRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Rows = await EndedEmploymentCertificates.Rows(db, office.Today(clock), clock.GetUtcNow()).Take(500).ToListAsync(ct);
        await audit.RecordAsync(staff.Actor, AuditActions.EndedEmploymentsListed, "Certificate", null, ct: ct);
        return Page();
    }
}
