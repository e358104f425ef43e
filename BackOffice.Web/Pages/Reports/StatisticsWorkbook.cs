using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Reports;

/// <summary>
/// The statistics workbook's sheets, in the reader's language. Revocations against the 24-hour limit are counted from the
/// revocation requests (<see cref="Statistics.RevocationsAsync"/>).
/// </summary>
public sealed class StatisticsWorkbook(Statistics statistics, IStringLocalizer<SharedResource> l)
{
    public const string Code = "statistics";

    public async Task<IReadOnlyList<ExportTable>> TablesAsync(ReportFilter f, CancellationToken ct)
    {
        ExportColumn Month() => new(l["Report.Column.Month"], CellKind.Month, 10);
        ExportColumn Count(string key) => new(l[key], CellKind.Number, 14);
        ExportColumn Type() => new(l["Report.Column.Type"], Width: 40);
        ExportColumn Stage() => new(l["Report.Column.Stage"], Width: 30);
        return
        [
            new(l["Statistics.Sheet.Applications"], [Month(), Type(), Stage(), Count("Statistics.Column.Applications")],
                (await statistics.ApplicationsByMonthAsync(f, ct)).Select(r => Row(r.Month, l.CertificateType(r.TypeCode), l.Stage(r.Stage), r.Applications)).ToList()),
            new(l["Statistics.Sheet.Decisions"], [Month(), Count("Statistics.Column.Issued"), Count("Statistics.Column.Cancelled"), Count("Statistics.Column.Refused")],
                (await statistics.DecisionsByMonthAsync(f, ct)).Select(r => Row(r.Month, r.Issued, r.Cancelled, r.Refused)).ToList()),
            new(l["Statistics.Sheet.Durations"], [Type(), Stage(), Count("Statistics.Column.Stays"), Count("Statistics.Column.MedianDays"), Count("Statistics.Column.P90Days")],
                (await statistics.StageDurationsAsync(f, ct)).Select(r => Row(l.CertificateType(r.TypeCode), l.Stage(r.Stage), r.Moves, Math.Round(r.MedianDays, 2), Math.Round(r.P90Days, 2))).ToList()),
            new(l["Statistics.Sheet.Reviewers"],
                [Month(), new(l["Statistics.Column.Reviewer"], Width: 26), Count("Statistics.Column.StepsApproved"), Count("Statistics.Column.StepsNotApproved"),
                 Count("Statistics.Column.Issued"), Count("Statistics.Column.Refused"), Count("Statistics.Column.Total")],
                (await statistics.ReviewerWorkloadAsync(f, ct)).Select(r => Row(r.Month, r.Reviewer, r.StepsApproved, r.StepsNotApproved, r.Issued, r.Refused, r.Total)).ToList()),
            new(l["Statistics.Sheet.Revocations"],
                [Month(), Count("Statistics.Column.Requests"), Count("Statistics.Column.RevokedWithin"), Count("Statistics.Column.RevokedLater"),
                 Count("Statistics.Column.OpenPast"), Count("Statistics.Column.OpenWithin"), Count("Statistics.Column.MedianHours")],
                (await statistics.RevocationsAsync(f, ct)).Select(r => Row(r.Month, r.Requests, r.RevokedWithin24Hours, r.RevokedLater, r.OpenPastLimit, r.OpenWithinLimit,
                    r.MedianHours is { } h ? Math.Round(h, 2) : null)).ToList()),
        ];
    }

    private static IReadOnlyList<object?> Row(params object?[] values) => values;
}
