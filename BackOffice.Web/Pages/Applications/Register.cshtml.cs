using System.ComponentModel.DataAnnotations;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DomainApplication = BackOffice.Data.Domain.Applications.Application;

namespace BackOffice.Web.Pages.Applications;

/// <summary>An Administrator registers an application on a person's behalf: the certificate type and one of the person's organisations.</summary>
[Authorize(Policy = Policies.Administrator)]
public class RegisterModel(BackOfficeDbContext db, ApplicationChanges changes, CurrentStaff staff, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid PersonId { get; set; }
    [BindProperty, Required(ErrorMessage = "Validation.Required"), Display(Name = "Register.Type")] public Guid? CertificateTypeId { get; set; }
    [BindProperty] public Guid? OrganisationId { get; set; }

    public string PersonName { get; private set; } = "";
    public IReadOnlyList<TypeOption> Types { get; private set; } = [];
    public IReadOnlyList<OrganisationOption> Organisations { get; private set; } = [];

    public sealed record TypeOption(Guid Id, string Code, EligibilityRule Eligibility);
    public sealed record OrganisationOption(Guid Id, string Name, string Number, bool Confirmed);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var type = await db.CertificateTypes.Include(t => t.StepTemplates).SingleOrDefaultAsync(t => t.Id == CertificateTypeId, ct);
        if (type is null)
        {
            ModelState.AddModelError(nameof(CertificateTypeId), l["Register.UnknownType"]);
            return Page();
        }
        var person = await db.Persons.Include(p => p.Employments).SingleAsync(p => p.Id == PersonId, ct);
        var organisation = OrganisationId is { } orgId ? await db.Organisations.SingleOrDefaultAsync(o => o.Id == orgId, ct) : null;
        var outcome = await changes.RegisterAsync(staff.Actor, (number, at) => DomainApplication.Register(number, person, type, organisation, staff.Actor, at), ct);
        if (outcome.Value is not { } application)
        {
            ModelState.AddDomainError(l, outcome.Error!);
            return Page();
        }
        TempData["Flash"] = l["Register.Done", application.RegistryNumber].Value;
        return RedirectToPage("/Applications/Details", new { id = application.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == PersonId)
            .Select(p => new { p.FirstNames, p.LastName }).SingleOrDefaultAsync(ct);
        if (person is null) return false;
        PersonName = $"{person.FirstNames} {person.LastName}";
        Types = await db.CertificateTypes.AsNoTracking().OrderBy(t => t.Code).Select(t => new TypeOption(t.Id, t.Code, t.Eligibility)).ToListAsync(ct);
        Organisations = await db.Employments.AsNoTracking().Where(e => e.PersonId == PersonId && e.EndDate == null)
            .OrderBy(e => e.Organisation.Name)
            .Select(e => new OrganisationOption(e.OrganisationId, e.Organisation.Name, e.Organisation.OrganisationNumber, e.ConfirmedAt != null)).ToListAsync(ct);
        return true;
    }
}
