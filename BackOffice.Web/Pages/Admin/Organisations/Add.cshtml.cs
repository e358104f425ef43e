using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.Organisations;

/// <summary>Adds an organisation; a number its country's rule refuses, or one already used, is told and nothing is saved.</summary>
public class AddModel(OrganisationRegister register, CurrentStaff staff, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public OrganisationInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var organisation = await register.AddAsync(Input.Name, Input.Number, Input.Country, staff.Actor, ct);
            TempData["Flash"] = l["Organisations.Added", organisation.Name].Value;
            return RedirectToPage("Details", new { id = organisation.Id });
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(l, e);
            return Page();
        }
    }
}
