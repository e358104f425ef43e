using System.IO.Compression;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>The statistics workbook: its sheets and their numbers, as Excel and as CSV files in a zip; audited.</summary>
public class StatisticsTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static readonly string[] Sheets =
        ["About", "Applications by type and stage", "Issued, cancelled and refused p", "Days in each stage (median, 90t", "Reviewer workload per month", "Revocations against the 24-hour"];

    [Fact]
    public async Task Post_AsExcel_HasEverySheet_WithTheOfficesNumbers()
    {
        await app.InjectedApplicationAsync(ApplicationStage.Issued);
        await app.InjectedApplicationAsync(ApplicationStage.Issued);
        await app.InjectedApplicationAsync(ApplicationStage.Rejected);
        await app.InjectedApplicationAsync(ApplicationStage.Cancelled);
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var response = await client.SubmitFormAsync("/Reports/Statistics", new() { ["format"] = "xlsx", ["type"] = "service" }, "form[data-testid=export-form]");
        using var workbook = await response.WorkbookAsync();

        Assert.Equal(Sheets, workbook.Worksheets.Select(w => w.Name));
        var applications = workbook.Worksheet(2);
        Assert.Equal(["Month", "Certificate type", "Stage", "Applications"], applications.Header());
        Assert.Equal(2, applications.DataRows().Where(r => r.Cell(3).GetString() == "Certificate issued").Sum(r => r.Cell(4).GetDouble()));
        Assert.Equal("yyyy-mm", applications.Cell(2, 1).Style.DateFormat.Format);
        Assert.Equal(XLDataType.DateTime, applications.Cell(2, 1).DataType);

        var decisions = workbook.Worksheet(3);
        Assert.Equal(["Month", "Issued", "Cancelled", "Refused"], decisions.Header());
        var month = Assert.Single(decisions.DataRows());
        Assert.Equal((2.0, 1.0, 1.0), (month.Cell(2).GetDouble(), month.Cell(3).GetDouble(), month.Cell(4).GetDouble()));

        var durations = workbook.Worksheet(4);
        Assert.Equal(["Certificate type", "Stage", "Stays", "Median days", "90th percentile days"], durations.Header());
        Assert.Contains(durations.DataRows(), r => r.Cell(2).GetString() == "Application submitted" && r.Cell(3).GetDouble() >= 4);

        var reviewers = workbook.Worksheet(5);
        Assert.Equal(["Month", "Reviewer", "Steps approved", "Steps not approved", "Issued", "Refused", "Total"], reviewers.Header());
        Assert.Contains(reviewers.DataRows(), r => r.Cell(2).GetString() == "Johan Lindqvist" && r.Cell(3).GetDouble() >= 3);
        Assert.Contains(reviewers.DataRows(), r => r.Cell(2).GetString() == "Maria Virtanen" && r.Cell(5).GetDouble() == 2 && r.Cell(6).GetDouble() == 1);

        var revocations = workbook.Worksheet(6);
        Assert.Equal(["Month", "Requests sent", "Revoked within 24 h", "Revoked later", "Open past 24 h", "Open within 24 h", "Median hours to revocation"],
            revocations.Header());
        Assert.Empty(revocations.DataRows()); // no revocation here: RevocationStatisticsTests counts them

        await using var db = app.Db();
        var e = await db.AuditEvents.OrderByDescending(x => x.Position).FirstAsync(x => x.Action == AuditActions.ReportExported);
        Assert.Contains("\"report\": \"statistics\"", e.Details);
        Assert.Contains("\"filter.type\": \"service\"", e.Details);
    }

    [Fact]
    public async Task Post_AsCsv_IsAZipOfOneCsvPerSheet()
    {
        // Another type than the Excel test's, which filters on "service": the two tests share the database, in either order.
        await app.InjectedApplicationAsync(ApplicationStage.Issued, type: "citizen");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync("/Reports/Statistics", new() { ["format"] = "csv" }, "form[data-testid=export-form]");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(Sheets.Skip(1).Select(s => s + ".csv"), zip.Entries.Select(e => e.Name));
        using var entry = new MemoryStream();
        await using (var s = zip.GetEntry(Sheets[2] + ".csv")!.Open()) await s.CopyToAsync(entry);
        var (header, rows) = ReportsData.Csv(entry.ToArray());
        Assert.Equal(["Month", "Issued", "Cancelled", "Refused"], header);
        Assert.Matches(@"^\d{4}-\d{2}$", rows[0][0]);
    }

    [Fact]
    public async Task ARangeTheWrongWayRound_GivesAMessage_AndNoFile()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var response = await client.SubmitFormAsync("/Reports/Statistics", new() { ["format"] = "xlsx", ["from"] = "2026-06-01", ["to"] = "2026-01-01" }, "form[data-testid=export-form]");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The start of the period is after its end.", (await response.ParseAsync()).Text("[data-testid=errors]"));
    }
}
