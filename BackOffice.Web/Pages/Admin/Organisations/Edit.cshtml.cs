using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Admin.Organisations;

/// <summary>Edits an organisation's name, country and number; the form carries the version it was shown with.</summary>
public class EditModel(BackOfficeDbContext db, OrganisationRegister register, CurrentStaff staff, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public OrganisationInput Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return NotFound();
        CurrentName = organisation.Name;
        Input = new OrganisationInput { Name = organisation.Name, Number = organisation.OrganisationNumber, Country = organisation.Country ?? "" };
        Version = organisation.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var current = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (current is null) return NotFound();
        CurrentName = current.Name;
        if (!ModelState.IsValid) return Page();
        try
        {
            var organisation = await register.EditAsync(id, Version, Input.Name, Input.Number, Input.Country, staff.Actor, ct);
            if (organisation is null) return NotFound();
            TempData["Flash"] = l["Organisations.Saved", organisation.Name].Value;
            return RedirectToPage("Details", new { id });
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError(l, e);
            if (e.Code == ErrorCodes.OrganisationChangedMeanwhile)
            {
                // What it is now, to compare with what was typed (which stays in the form).
                db.ChangeTracker.Clear();
                var now = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == id, ct);
                ModelState.AddModelError(string.Empty, l["Organisations.NowIs", now.Name, now.OrganisationNumber]);
                ModelState.Remove(nameof(Version));
                Version = now.Version;
            }
            return Page();
        }
    }
}
