using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Revocations;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>
/// The revoked certificates (serial, reason code, revocation time, certificate number) for the authority's CRL publishing: HTML for
/// staff, CSV and JSON (<c>?format=</c> or the Accept header) for the authority's key; <c>?since=</c> for incremental pulls.
/// </summary>
public class RevokedModel(BackOfficeDbContext db, AuditTrail audit, CurrentStaff staff, TimeProvider clock, IOptionsMonitor<RevocationOptions> options,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Since { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RevokedLine> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public DateTimeOffset GeneratedAt { get; private set; }
    public DateTimeOffset? SinceTime { get; private set; }
    public bool BadSince { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var format = ChosenFormat();
        if (format is null) return StatusCode(StatusCodes.Status406NotAcceptable);
        GeneratedAt = clock.GetUtcNow();
        if (!RevokedCertificates.TryParseSince(Since, out var since))
        {
            BadSince = true;
            if (format != "html")
            {
                await Infrastructure.Intake.IntakeProblems.Write(HttpContext, StatusCodes.Status400BadRequest, "invalid-since", "since is not a time",
                    "Give since as an ISO 8601 time, e.g. 2026-11-02T09:00:00Z, or a date, e.g. 2026-11-02.");
                return new EmptyResult();
            }
            ModelState.AddModelError("since", l["Revocation.Feed.BadSince"]);
            return Page(); // said beside the field, as the dashboard's date filter does
        }
        SinceTime = since;
        Total = await RevokedCertificates.Revoked(db, since).CountAsync(ct);
        await audit.RecordAsync(Reader(), AuditActions.RevokedFeedRead, "Certificate", null, details: new Dictionary<string, string?>
        {
            ["format"] = format, ["since"] = since is { } s ? RevokedCertificates.Iso(s) : null, ["count"] = Total.ToString(CultureInfo.InvariantCulture),
        }, ct: ct);
        if (format == "html")
        {
            PageNumber = Math.Clamp(PageNumber, 1, PageCount);
            Rows = await RevokedCertificates.Page(db, since, PageNumber, PageSize).ToListAsync(ct);
            return Page();
        }
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Next-Since"] = RevokedCertificates.Iso(GeneratedAt - RevokedCertificates.Overlap);
        var lines = RevokedCertificates.Since(db, since);
        if (format == "csv")
        {
            Response.ContentType = "text/csv; charset=utf-8";
            Response.Headers.ContentDisposition = $"attachment; filename=\"revoked-certificates-{GeneratedAt:yyyyMMdd'T'HHmmss'Z'}.csv\"";
            await RevokedCertificates.WriteCsvAsync(Response.Body, lines.AsAsyncEnumerable(), ct);
        }
        else
        {
            Response.ContentType = "application/json; charset=utf-8";
            await RevokedCertificates.WriteJsonAsync(Response.Body, lines.AsAsyncEnumerable(), GeneratedAt, since, ct);
        }
        return new EmptyResult();
    }

    /// <summary><c>?format=</c> if given, else what the Accept header asks for; the authority's key gets JSON, staff the page. Null: nothing we give.</summary>
    private string? ChosenFormat()
    {
        if (!string.IsNullOrWhiteSpace(Format))
            return Format.Trim().ToLowerInvariant() is var f && f is "html" or "csv" or "json" ? f : null;
        var accept = Request.GetTypedHeaders().Accept;
        if (accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))) return "csv";
        if (accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))) return "json";
        return RevocationServices.IsAuthority(User, options.CurrentValue) ? "json" : "html";
    }

    private Actor Reader() => staff.Id is not null ? staff.Actor : Actor.System(User.Identity?.Name ?? "API");
}
