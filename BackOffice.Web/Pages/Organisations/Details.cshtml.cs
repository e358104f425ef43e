using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Organisations;

/// <summary>
/// An organisation for case work: the people employed there (links to their cards) and the applications that name it (links
/// to them), newest first, a page of each at a time. It lists persons, so each opening is audited (<c>organisation.viewed</c>).
/// </summary>
public class DetailsModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff) : PageModel
{
    public const int PageSize = 50;

    public sealed record PersonRow(Guid Id, string Name, DateOnly Since, bool Confirmed);
    public sealed record ApplicationRow(Guid Id, string RegistryNumber, string PersonName, string Type, ApplicationStage Stage, DateTimeOffset LastModifiedAt);

    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public IReadOnlyList<ApplicationRow> Applications { get; private set; } = [];
    public int PeopleTotal { get; private set; }
    public int ApplicationsTotal { get; private set; }
    [BindProperty(SupportsGet = true)] public int PeoplePage { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public int ApplicationsPage { get; set; } = 1;
    public int PeoplePages => Math.Max(1, (PeopleTotal + PageSize - 1) / PageSize);
    public int ApplicationsPages => Math.Max(1, (ApplicationsTotal + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return NotFound();
        Organisation = organisation;

        var employments = db.Employments.AsNoTracking().Where(e => e.OrganisationId == id && e.EndDate == null);
        PeopleTotal = await employments.CountAsync(ct);
        PeoplePage = Math.Clamp(PeoplePage, 1, PeoplePages);
        People = await employments
            .Join(db.Persons, e => e.PersonId, p => p.Id, (e, p) => new { e, p })
            .OrderBy(x => x.p.LastName).ThenBy(x => x.p.FirstNames).ThenBy(x => x.p.Id)
            .Skip(Paging.Skip(PeoplePage, PageSize)).Take(PageSize)
            .Select(x => new PersonRow(x.p.Id, x.p.FirstNames + " " + x.p.LastName, x.e.StartDate, x.e.ConfirmedAt != null))
            .ToListAsync(ct);

        var applications = db.Applications.AsNoTracking().Where(a => a.OrganisationId == id);
        ApplicationsTotal = await applications.CountAsync(ct);
        ApplicationsPage = Math.Clamp(ApplicationsPage, 1, ApplicationsPages);
        Applications = await applications
            .OrderByDescending(a => a.LastModifiedAt).ThenBy(a => a.Id)
            .Skip(Paging.Skip(ApplicationsPage, PageSize)).Take(PageSize)
            .Select(a => new ApplicationRow(a.Id, a.RegistryNumber, a.Person.FirstNames + " " + a.Person.LastName, a.CertificateType.Code, a.Stage, a.LastModifiedAt))
            .ToListAsync(ct);

        await audit.RecordAsync(staff.Actor, AuditActions.OrganisationViewed, nameof(Organisation), id.ToString(), details: new Dictionary<string, string?>
        {
            ["name"] = organisation.Name, ["number"] = organisation.OrganisationNumber,
        }, ct: ct);
        return Page();
    }
}
