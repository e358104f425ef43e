using BackOffice.Data.Domain.Audit;
using BackOffice.Data;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Persons;

/// <summary>The person card: details, employments, applications and certificates; the application history; the event log.</summary>
public class DetailsModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, Infrastructure.Localization.OfficeTime office, TimeProvider clock) : PageModel
{
    public PersonCard Card { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string? tab, int p = 1, bool views = false, CancellationToken ct = default)
    {
        var cardTab = tab is null ? PersonCardTab.Overview
            : Enum.GetValues<PersonCardTab>().Where(t => t != PersonCardTab.Overview && t.ToString().Equals(tab, StringComparison.OrdinalIgnoreCase))
                .Cast<PersonCardTab?>().FirstOrDefault();
        if (cardTab is null || !await db.Persons.AnyAsync(person => person.Id == id, ct)) return NotFound();
        // Recorded before reading, so the event log shows this very view too.
        await audit.RecordAsync(staff.Actor, AuditActions.PersonViewed, "Person", id.ToString(), personId: id,
            details: new Dictionary<string, string?> { ["tab"] = cardTab.ToString() }, ct: ct);
        Card = (await PersonCard.LoadAsync(db, id, cardTab.Value, p, views, office.Today(clock), clock.GetUtcNow(), ct))!;
        return Page();
    }
}
