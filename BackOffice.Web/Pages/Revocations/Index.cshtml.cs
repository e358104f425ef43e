using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>The revocation dashboard: open and recent requests with the time left to the 24-hour limit, overdue ones marked; filters by state and date.</summary>
public class IndexModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, TimeProvider clock, OfficeTime office, IStringLocalizer<SharedResource> l,
    Microsoft.Extensions.Options.IOptionsMonitor<Infrastructure.Revocations.RevocationOptions> options) : PageModel
{
    /// <summary>How near its limit a request shows "Due soon" (<c>Revocation:DueSoonWithin</c>).</summary>
    public TimeSpan DueSoonWithin => options.CurrentValue.DueSoonWithin;
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public RevocationFilter Filter { get; private set; }
    public IReadOnlyList<RevocationRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public RevocationCounts Counts { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Filter = Enum.TryParse<RevocationFilter>(State, ignoreCase: true, out var f) && Enum.IsDefined(f) && !int.TryParse(State, out _) ? f : RevocationFilter.Open;
        Now = clock.GetUtcNow();
        var from = OfficeDate(nameof(From), From);
        var to = OfficeDate(nameof(To), To);
        if (from is not null && to is not null && from > to) ModelState.AddModelError(nameof(To), l["Revocations.Filter.ToBeforeFrom"]);
        // From the start of the first office day to the start of the day after the last (a change day has 23 or 25 hours).
        var requests = RevocationDashboard.Filtered(db, Filter, Now,
            ModelState.IsValid && from is { } f0 ? office.StartOf(f0) : null, ModelState.IsValid && to is { } t ? office.StartOf(t.AddDays(1)) : null);
        Total = await requests.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await RevocationDashboard.Page(db, requests, Filter, PageNumber, PageSize).ToListAsync(ct);
        Counts = await RevocationDashboard.CountsAsync(db, Now, ct);
        await audit.RecordAsync(staff.Actor, AuditActions.RevocationsListed, "RevocationRequest", null, details: new Dictionary<string, string?>
        {
            ["state"] = Filter.ToString(), ["from"] = From, ["to"] = To, ["page"] = PageNumber.ToString(CultureInfo.InvariantCulture),
        }, ct: ct);
        return Page();
    }

    /// <summary>A date of the office's calendar (the date field's yyyy-MM-dd); an unreadable date is said on the page and not applied.</summary>
    private DateOnly? OfficeDate(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            ModelState.AddModelError(field, l["Revocations.Filter.BadDate"]);
            return null;
        }
        return date;
    }

    /// <summary>Route values for a link that keeps the filters and changes the rest.</summary>
    public Dictionary<string, string?> Link(RevocationFilter? filter = null, int? page = null) => new()
    {
        ["state"] = (filter ?? Filter).ToString(),
        ["from"] = From,
        ["to"] = To,
        ["p"] = (page ?? 1).ToString(CultureInfo.InvariantCulture),
    };
}
