using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Persons;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Persons;

/// <summary>
/// An Administrator records that a person's employment ended (or ends, within a year), as the organisation told the office: the
/// certificates it carried then show it on the person card and in the ended-employment list, each with a revocation to request.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public class EndEmploymentModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, OfficeTime office, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? EndDate { get; set; }

    public Person Person { get; private set; } = null!;
    public Employment Employment { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid personId, Guid employmentId, CancellationToken ct)
    {
        if (!await LoadAsync(personId, employmentId, tracked: false, ct)) return NotFound();
        // The page shows the person and the employment: a view of their data, as the person card records its own.
        await audit.RecordAsync(staff.Actor, AuditActions.PersonViewed, "Person", personId.ToString(), personId: personId,
            details: new Dictionary<string, string?> { ["tab"] = "EndEmployment" }, ct: ct);
        EndDate ??= office.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId, Guid employmentId, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(personId, employmentId, tracked: true, ct)) return NotFound();
        if (Employment.EndDate is not null) return Page(); // already ended: the page says so, nothing changes
        if (string.IsNullOrWhiteSpace(EndDate))
        {
            ModelState.AddModelError(nameof(EndDate), l[ErrorCodes.EmploymentEndRequired]);
            return Page();
        }
        if (!DateOnly.TryParseExact(EndDate.Trim(), ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var endDate))
        {
            ModelState.AddModelError(nameof(EndDate), l["Revocations.Filter.BadDate"]);
            return Page();
        }
        try
        {
            Person.EndEmployment(Employment.OrganisationId, endDate, office.Today(clock), staff.Actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(EndDate), l.Error(e));
            return Page();
        }
        TempData["Flash"] = l["Person.EndEmployment.Done", Employment.Organisation.Name, endDate.ToString("d", CultureInfo.CurrentCulture)].Value;
        return Redirect($"/Persons/{personId}");
    }

    private async Task<bool> LoadAsync(Guid personId, Guid employmentId, bool tracked, CancellationToken ct)
    {
        var persons = tracked ? db.Persons : db.Persons.AsNoTracking();
        var person = await persons.Include(p => p.Employments).ThenInclude(e => e.Organisation).FirstOrDefaultAsync(p => p.Id == personId, ct);
        var employment = person?.Employments.FirstOrDefault(e => e.Id == employmentId);
        if (person is null || employment is null) return false;
        (Person, Employment) = (person, employment);
        return true;
    }
}
