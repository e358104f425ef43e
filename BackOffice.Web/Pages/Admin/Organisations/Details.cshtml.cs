using BackOffice.Data;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Admin.Organisations;

/// <summary>
/// An organisation as a System administrator sees it: name, country, number, how many people work there and how many
/// applications name it, and its event log. Separation of duties: the people and the applications themselves (personal data,
/// cases) are listed as links for the case roles at <c>/Organisations/{id}</c>, which a System administrator cannot open.
/// </summary>
public class DetailsModel(BackOfficeDbContext db) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public int People { get; private set; }
    public int Applications { get; private set; }
    public EventLogPage Log { get; private set; } = new([], false, 1, 1);
    [BindProperty(SupportsGet = true, Name = "p")] public int LogPage { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "views")] public bool ShowViews { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return NotFound();
        Organisation = organisation;
        People = await db.Employments.Where(e => e.OrganisationId == id && e.EndDate == null).Select(e => e.PersonId).Distinct().CountAsync(ct);
        Applications = await db.Applications.CountAsync(a => a.OrganisationId == id, ct);
        var key = id.ToString();
        Log = await EventLog.PageAsync(db, db.AuditEvents.Where(e => e.EntityType == nameof(Organisation) && e.EntityId == key), ShowViews, LogPage, ct);
        return Page();
    }
}
