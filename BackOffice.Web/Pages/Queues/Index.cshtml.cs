using BackOffice.Web.Infrastructure;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Pages.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using BackOffice.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Queues;

/// <summary>A work queue: searched, sorted and paged in the database.</summary>
public class IndexModel(BackOfficeDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    public static readonly string[] Sorts = ["edited", "registry", "person", "type", "stage", "days"];

    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Asc { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public WorkQueue Current { get; private set; }
    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];
    public QueueCount Total { get; private set; }
    public int PageCount => Math.Max(1, (Total.Count + PageSize - 1) / PageSize);
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Queue is null) Current = WorkQueue.UnderProcessing;
        else if (!Enum.TryParse<WorkQueue>(Queue, ignoreCase: true, out var queue) || !Enum.IsDefined(queue)) return NotFound();
        else Current = queue;
        if (!Sorts.Contains(Sort)) Sort = "edited";
        PageNumber = Math.Clamp(PageNumber, 1, WorkQueues.CountLimit / PageSize + 1);
        Now = clock.GetUtcNow();

        var rows = WorkQueues.Rows(WorkQueues.In(db, Current));
        // Each word is found in the registry number or, ignoring accents and case as the person search does, the person's names.
        foreach (var word in Words(Q))
        {
            var pattern = SearchText.Contains(word);
            rows = rows.Where(r => EF.Functions.ILike(r.RegistryNumber, pattern, @"\")
                                   || EF.Functions.Like(r.PersonSearchText, SearchText.Normalize(pattern), @"\"));
        }
        Total = await WorkQueues.CappedCountAsync(rows, ct);
        rows = (Sort, Asc) switch
        {
            ("registry", true) => rows.OrderBy(r => r.RegistryNumber),
            ("registry", false) => rows.OrderByDescending(r => r.RegistryNumber),
            ("person", true) => rows.OrderBy(r => r.LastName).ThenBy(r => r.FirstNames).ThenBy(r => r.RegistryNumber),
            ("person", false) => rows.OrderByDescending(r => r.LastName).ThenByDescending(r => r.FirstNames).ThenBy(r => r.RegistryNumber),
            ("type", true) => rows.OrderBy(r => r.CertificateTypeCode).ThenBy(r => r.RegistryNumber),
            ("type", false) => rows.OrderByDescending(r => r.CertificateTypeCode).ThenBy(r => r.RegistryNumber),
            ("stage", true) => rows.OrderBy(r => r.Stage).ThenBy(r => r.RegistryNumber),
            ("stage", false) => rows.OrderByDescending(r => r.Stage).ThenBy(r => r.RegistryNumber),
            // Longest in the stage first when descending: the earliest stage change.
            ("days", true) => rows.OrderByDescending(r => r.StageChangedAt).ThenBy(r => r.RegistryNumber),
            ("days", false) => rows.OrderBy(r => r.StageChangedAt).ThenBy(r => r.RegistryNumber),
            (_, true) => rows.OrderBy(r => r.LastModifiedAt).ThenBy(r => r.RegistryNumber),
            _ => rows.OrderByDescending(r => r.LastModifiedAt).ThenBy(r => r.RegistryNumber),
        };
        Rows = await rows.Skip(Paging.Skip(PageNumber, PageSize)).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>The search box's words, without control characters (PostgreSQL refuses a NUL); at most eight.</summary>
    private static IEnumerable<string> Words(string? q) =>
        new string((q ?? "").Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8);

    /// <summary>Names and numbers sort A→Z first; times and waiting days newest / longest first.</summary>
    public static bool AscendingFirst(string sort) => sort is "registry" or "person" or "type" or "stage";

    public int DaysInStage(QueueRow row) => Math.Max(0, (int)(Now - row.StageChangedAt).TotalDays);

    /// <summary>Route values for a link that keeps the queue and the search and changes the rest.</summary>
    public Dictionary<string, string?> Link(string? sort = null, bool? asc = null, int? page = null) => new()
    {
        ["queue"] = Current.ToString(),
        ["q"] = Q,
        ["sort"] = sort ?? Sort,
        ["asc"] = (asc ?? Asc) ? "true" : null,
        ["p"] = (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
