using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using BackOffice.Web.Pages.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Audit;

/// <summary>
/// The audit trail for Auditors: filtered (period, staff member, action, person, application, certificate) and paged, newest first,
/// every event as a sentence; reading it is audited. Verify walks the whole hash chain and its signed checkpoints and says whether
/// it is intact (how many events, the last hash) or where it first breaks; a verification is an audit event too.
/// </summary>
public class IndexModel(BackOfficeDbContext db, ReportFilters filters, AuditTrail audit, CurrentStaff staff, OfficeTime time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public ReportFilterInput Filter { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public FilterChoices Choices { get; private set; } = null!;
    public ReportFilter? Resolved { get; private set; }
    public AuditPage? Events { get; private set; }
    public AuditVerification? Verification { get; private set; }
    public int MaxRangeDays => filters.MaxRangeDays;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await audit.VerifyAsync(ct: ct);
        await audit.RecordAsync(staff.Actor, AuditActions.AuditVerified, "AuditChain", null, details: new Dictionary<string, string?>
        {
            ["result"] = Verification.IsIntact ? "intact" : "broken",
            ["events"] = Verification.EventsChecked.ToString(CultureInfo.InvariantCulture),
            ["position"] = Verification.FirstBrokenPosition?.ToString(CultureInfo.InvariantCulture),
            ["break"] = Verification.Break?.ToString(),
            ["lastHash"] = Verification.LastHash,
        }, ct: ct);
        Filter = new ReportFilterInput();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Choices = await FilterChoices.LoadAsync(db, l, ct);
        var (filter, errors) = await filters.ResolveAsync(Filter, ct);
        foreach (var e in errors) ModelState.AddModelError(e.Field, l[e.MessageKey, e.Args]);
        Resolved = filter;
        if (filter is null) return;
        // Recorded before reading, so the newest page shows this very reading.
        var details = filter.AuditDetails();
        details["page"] = PageNumber.ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(staff.Actor, AuditActions.AuditViewed, "AuditTrail", null, details: details, ct: ct);
        Events = await AuditList.PageAsync(db, AuditTrailQuery.Apply(db.AuditEvents.AsNoTracking(), filter, time.Zone), PageNumber, ct);
        PageNumber = Events.Page;
    }

    /// <summary>This page's address with the same filters on another page.</summary>
    public string? PageUrl(int page)
    {
        var values = Filter.RouteValues().Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => (object?)v.Value);
        values["p"] = page;
        return Url.Page("/Audit/Index", values);
    }

    /// <summary>What the verification found, as a sentence.</summary>
    public string VerificationText(AuditVerification v) => v.IsIntact
        ? l[v.CheckpointsVerified == 1 ? "Audit.Verify.Intact.One" : "Audit.Verify.Intact", v.EventsChecked.ToString("N0", CultureInfo.CurrentCulture), v.CheckpointsVerified.ToString("N0", CultureInfo.CurrentCulture), v.LastHash ?? "—"]
        : l["Audit.Verify.Broken", v.FirstBrokenPosition!.Value.ToString("N0", CultureInfo.CurrentCulture), time.AtSeconds(v.FirstBrokenAt),
            l["Audit.Verify.Break." + v.Break], v.EventsChecked.ToString("N0", CultureInfo.CurrentCulture)];
}
