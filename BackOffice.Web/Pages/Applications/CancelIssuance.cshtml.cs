using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Applications;

/// <summary>Seed 002: an Administrator cancels an issuance in progress, after confirming; the confirm carries the version seen.</summary>
[Authorize(Policy = Policies.Administrator)]
public class CancelIssuanceModel(BackOfficeDbContext db, ApplicationChanges changes, CurrentStaff staff, IStringLocalizer<SharedResource> l, OfficeTime time) : PageModel
{
    [BindProperty] public uint Version { get; set; }
    public CancelConfirmationModel Confirmation { get; private set; } = null!;
    public ApplicationStage Stage { get; private set; }
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = await changes.ApplyAsync(id, Version, staff.Actor, (app, by, at) => app.CancelIssuance(by, at), ct);
        switch (outcome.Result)
        {
            case ChangeResult.NotFound: return NotFound();
            case ChangeResult.Done:
                TempData["Flash"] = l["Cancel.Done"].Value;
                return RedirectToPage("/Applications/Details", new { id });
            case ChangeResult.Refused: ModelState.AddDomainError(l, outcome.Error!); break;
            case ChangeResult.Conflict: Conflict = l.WhatChanged(outcome.Now!, time); break;
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Applications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Version, a.RegistryNumber, a.Person.FirstNames, a.Person.LastName, a.CertificateType.Code, a.Stage })
            .SingleOrDefaultAsync(ct);
        if (row is null) return false;
        Stage = row.Stage;
        Confirmation = new CancelConfirmationModel(id, row.Version, row.RegistryNumber, $"{row.FirstNames} {row.LastName}", row.Code);
        return true;
    }
}
