using BackOffice.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Audit.Staff;

/// <summary>The staff members whose record an auditor can open, with how much each did in the trail.</summary>
public class IndexModel(BackOfficeDbContext db) : PageModel
{
    public sealed record StaffLine(Guid Id, string Name, string? Email, long Events, DateTimeOffset? LastAt);

    public IReadOnlyList<StaffLine> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        var ids = users.Select(u => (Guid?)u.Id).ToList();
        var activity = await db.AuditEvents.AsNoTracking().Where(e => ids.Contains(e.ActorId))
            .GroupBy(e => e.ActorId).Select(g => new { Id = g.Key, Count = g.LongCount(), Last = g.Max(e => e.OccurredAt) }).ToListAsync(ct);
        Staff = users.Select(u => activity.FirstOrDefault(a => a.Id == u.Id) is { } a
            ? new StaffLine(u.Id, u.DisplayName, u.Email, a.Count, a.Last) : new StaffLine(u.Id, u.DisplayName, u.Email, 0, null)).ToList();
    }
}
