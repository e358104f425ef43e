using BackOffice.Data;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Reports;

/// <summary>The reports an Auditor or Administrator can export, the dashboard, and their own background exports.</summary>
public class IndexModel(BackOfficeDbContext db, CurrentStaff staff) : PageModel
{
    public IReadOnlyList<ExportJob> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Jobs = await db.ExportJobs.AsNoTracking().Where(j => j.RequestedById == staff.Id).OrderByDescending(j => j.RequestedAt).Take(20).ToListAsync(ct);
}
