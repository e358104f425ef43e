using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Audit.Staff;

/// <summary>
/// A staff member's record for a period — what an auditor asks first after an incident: how many of each action they took, every
/// person whose data they viewed (how often, first and last time), and every event as a sentence; exportable like the trail.
/// </summary>
public class DetailsModel(BackOfficeDbContext db, ReportFilters filters, AuditTrail audit, CurrentStaff staff, OfficeTime time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record ActionCount(string Action, long Count);
    public sealed record PersonViewed(Guid PersonId, string Name, long Views, DateTimeOffset First, DateTimeOffset Last);

    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Guid StaffId { get; private set; }
    public string StaffName { get; private set; } = "";
    public ReportFilter? Resolved { get; private set; }
    public IReadOnlyList<ActionCount> Actions { get; private set; } = [];
    public IReadOnlyList<PersonViewed> Persons { get; private set; } = [];
    public Pages.Audit.AuditPage? Events { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var name = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (name is null) return NotFound();
        (StaffId, StaffName) = (id, name);
        var (filter, errors) = await filters.ResolveAsync(new ReportFilterInput { From = From, To = To, Actor = id }, ct);
        foreach (var e in errors) ModelState.AddModelError(e.Field, l[e.MessageKey, e.Args]);
        if ((Resolved = filter) is null) return Page();

        var details = filter!.AuditDetails();
        details["staff"] = name;
        await audit.RecordAsync(staff.Actor, AuditActions.StaffRecordViewed, "StaffUser", id.ToString(), details: details, ct: ct);

        var events = AuditTrailQuery.Apply(db.AuditEvents.AsNoTracking(), filter, time.Zone);
        Actions = (await events.GroupBy(e => e.Action).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct))
            .Select(a => new ActionCount(a.Key, a.Count)).OrderByDescending(a => a.Count).ThenBy(a => a.Action, StringComparer.Ordinal).ToList();
        var views = AuditActions.Views.ToArray();
        var viewed = events.Where(e => e.PersonId != null && views.Contains(e.Action)).GroupBy(e => e.PersonId)
            .Select(g => new { PersonId = g.Key, Views = g.LongCount(), First = g.Min(e => e.OccurredAt), Last = g.Max(e => e.OccurredAt) });
        Persons = (await (from v in viewed
                          join p in db.Persons on v.PersonId equals (Guid?)p.Id
                          select new { p.Id, p.FirstNames, p.LastName, v.Views, v.First, v.Last })
                .ToListAsync(ct))
            .Select(p => new PersonViewed(p.Id, $"{p.FirstNames} {p.LastName}", p.Views, p.First, p.Last)).OrderByDescending(p => p.Last).ToList();
        Events = await Pages.Audit.AuditList.PageAsync(db, events, PageNumber, ct);
        PageNumber = Events.Page;
        return Page();
    }

    public Dictionary<string, object?> ExportValues() => new()
    {
        ["actor"] = StaffId, ["from"] = Resolved?.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = Resolved?.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public string? PageUrl(int page) => Url.Page("/Audit/Staff/Details", new { id = StaffId, from = From, to = To, p = page });
}
