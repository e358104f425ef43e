using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackOffice.Web.Pages.Reports;

/// <summary>A dashboard chart's table: its rows' label and numbers (raw, for the chart, and as the reader reads them).</summary>
public sealed record ChartRow(string Label, IReadOnlyList<(double Value, string Text)> Values);

public sealed record ChartTable(string Id, string Title, string Caption, string Kind, IReadOnlyList<string> Headers, IReadOnlyList<ChartRow> Rows,
    string Empty = "", string? ChartColumns = null, bool Stacked = false, string? EmptyTestId = null, bool Horizontal = false, string? Colours = null);

/// <summary>
/// The office at a glance: open applications by stage now, decisions per month and median days to issue per type over the last
/// twelve months, revocations against the 24-hour limit. Each chart's numbers are a table beside it, which is what a browser
/// without JavaScript shows; with it, dashboard.js draws the chart (Chart.js, served by the app) from that very table.
/// </summary>
public class DashboardModel(Statistics statistics, OfficeTime time, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StageCount> OpenByStage { get; private set; } = [];
    public IReadOnlyList<DecisionMonth> Decisions { get; private set; } = [];
    public IReadOnlyList<TypeDuration> DaysToIssue { get; private set; } = [];
    public IReadOnlyList<RevocationMonth> Revocations { get; private set; } = [];
    public ReportFilter Period { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = time.Today(clock);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        Period = new ReportFilter { From = firstMonth, To = today };
        OpenByStage = await statistics.OpenByStageAsync(ct);
        var decisions = (await statistics.DecisionsByMonthAsync(Period, ct)).ToDictionary(d => d.Month);
        // Every one of the twelve months has its row, a month without decisions as zeros, so the chart's axis has no gaps.
        Decisions = Enumerable.Range(0, 12).Select(i => firstMonth.AddMonths(i))
            .Select(m => decisions.GetValueOrDefault(m) ?? new DecisionMonth(m, 0, 0, 0)).ToList();
        DaysToIssue = await statistics.DaysToIssueAsync(Period, ct);
        Revocations = await statistics.RevocationsAsync(Period, ct);
    }
}
