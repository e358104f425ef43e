using System.Net;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>The application history export: filters from the address, a real workbook or CSV, formulas kept as text, audited.</summary>
public class HistoryTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static readonly string[] Header =
        ["Time", "Registry number", "Person", "Certificate type", "Organisation", "Stage", "Entry", "What happened", "By", "Detail", "Acknowledged"];

    [Fact]
    public async Task Post_ForOnePerson_AsExcel_IsAWorkbook_WithAbout_EveryLineAndDecision_OfficeTimes_AndTheFormulaNameAsText()
    {
        var application = await app.InjectedApplicationAsync();
        var other = await app.ApplicationByStaffAsync("service", ApplicationStage.AwaitingDocuments, registeredBy: "admin2@test.example");
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var form = await client.GetDocumentAsync($"/Reports/History?person={application.PersonId}");
        Assert.Contains("Öberg", form.Text("[data-testid=person-filter]"));
        var response = await client.SubmitFormAsync($"/Reports/History?person={application.PersonId}", new() { ["format"] = "xlsx" }, "form[data-testid=export-form]");
        Assert.Matches(@"^history-\d{4}-\d{2}-\d{2}-\d{4}\.xlsx$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var workbook = await response.WorkbookAsync();

        Assert.Equal(["About", "History"], workbook.Worksheets.Select(w => w.Name));
        var about = workbook.Worksheet("About");
        Assert.Equal("Report", about.Cell(2, 1).GetString());
        Assert.Equal("the application history", about.Cell(2, 2).GetString());
        var aboutLines = about.RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
        Assert.Equal(ReportsData.Injected + " Öberg", aboutLines["Person"]);
        Assert.DoesNotContain(about.CellsUsed(), c => c.HasFormula);
        Assert.Equal("Aino Korhonen", aboutLines["Exported by"]);
        Assert.Equal("Europe/Helsinki", aboutLines["Times are in the time zone"]);

        var sheet = workbook.Worksheet("History");
        Assert.Equal(Header, sheet.Header());
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.NotNull(sheet.AutoFilter.Range);

        await using var db = app.Db();
        var history = await db.HistoryEntries.Where(h => h.ApplicationId == application.Id).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync();
        var decisions = await db.Decisions.Where(d => d.ApplicationId == application.Id).ToListAsync();
        var rows = sheet.DataRows();
        Assert.Equal(history.Count + decisions.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(application.RegistryNumber, r.Cell(2).GetString()));
        Assert.All(rows, r =>
        {
            Assert.False(r.Cell(3).HasFormula);
            Assert.Equal(ReportsData.Injected + " Öberg", r.Cell(3).GetString());
        });
        Assert.Equal(XLDataType.DateTime, rows[0].Cell(1).DataType);
        Assert.Equal(ReportsData.Local(history[0].At), rows[0].Cell(1).GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal("Application registered by Nikos Alexiou", rows[0].Cell(8).GetString());
        var decision = Assert.Single(rows, r => r.Cell(7).GetString() == "Decision");
        Assert.Equal("Certificate issued", decision.Cell(8).GetString());
        Assert.Equal("Certificate issued", rows[^1].Cell(6).GetString());
        Assert.DoesNotContain(rows, r => r.Cell(2).GetString() == other.RegistryNumber);

        var exported = await db.AuditEvents.OrderByDescending(e => e.Position).FirstAsync(e => e.Action == AuditActions.ReportExported);
        Assert.Equal(application.PersonId, exported.PersonId);
        Assert.Contains("\"rows\": \"" + rows.Count + "\"", exported.Details);
        Assert.Contains("\"format\": \"Xlsx\"", exported.Details);
    }

    [Fact]
    public async Task Post_AsCsv_ParsesBack_WithTheFormulaNamePrefixed_AndFiltersByTypeAndStage()
    {
        var issued = await app.InjectedApplicationAsync(ApplicationStage.Issued, "citizen");
        var open = await app.ApplicationByStaffAsync("citizen", ApplicationStage.Submitted);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync("/Reports/History", new() { ["format"] = "csv", ["type"] = "citizen", ["stage"] = "Issued" }, "form[data-testid=export-form]");
        var (header, rows) = await response.CsvAsync();

        Assert.Equal(Header, header);
        Assert.Contains(rows, r => r[1] == issued.RegistryNumber);
        Assert.DoesNotContain(rows, r => r[1] == open.RegistryNumber);
        Assert.All(rows.Where(r => r[1] == issued.RegistryNumber), r => Assert.Equal("'" + ReportsData.Injected + " Öberg", r[2]));
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", r[0]));
    }

    [Fact]
    public async Task TheApplicationsLink_OpensTheExport_FilteredToIt()
    {
        var application = await app.ApplicationByStaffAsync("service", ApplicationStage.AwaitingDocuments);
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var response = await client.SubmitFormAsync($"/Reports/History?application={Uri.EscapeDataString(application.RegistryNumber)}", new() { ["format"] = "csv" },
            "form[data-testid=export-form]");
        var (_, rows) = await response.CsvAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(application.RegistryNumber, r[1]));
    }

    [Fact]
    public async Task ThePersonCardAndTheApplicationPage_LinkToTheirExports_ForThoseWhoMayExport()
    {
        var application = await app.ApplicationByStaffAsync("service", ApplicationStage.AwaitingDocuments);
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);
        var number = Uri.EscapeDataString(application.RegistryNumber);

        Assert.Equal($"/Reports/History?person={application.PersonId}",
            (await auditor.GetDocumentAsync($"/Persons/{application.PersonId}/history")).QuerySelector("[data-testid=export-history]")!.GetAttribute("href"));
        Assert.Equal($"/Reports/AuditTrail?person={application.PersonId}",
            (await auditor.GetDocumentAsync($"/Persons/{application.PersonId}/events")).QuerySelector("[data-testid=export-events]")!.GetAttribute("href"));
        Assert.Equal($"/Reports/SubjectAccess/{application.PersonId}",
            (await auditor.GetDocumentAsync($"/Persons/{application.PersonId}")).QuerySelector("[data-testid=subject-access-link]")!.GetAttribute("href"));
        var page = await auditor.GetDocumentAsync($"/Applications/{application.Id}");
        Assert.Equal($"/Reports/History?application={number}", page.QuerySelector("[data-testid=export-history]")!.GetAttribute("href"));
        Assert.Equal($"/Reports/AuditTrail?application={number}", page.QuerySelector("[data-testid=export-events]")!.GetAttribute("href"));

        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        Assert.Null((await reviewer.GetDocumentAsync($"/Persons/{application.PersonId}/history")).QuerySelector("[data-testid=export-history]"));
        Assert.Null((await reviewer.GetDocumentAsync($"/Persons/{application.PersonId}")).QuerySelector("[data-testid=subject-access-link]"));
        Assert.Null((await reviewer.GetDocumentAsync($"/Applications/{application.Id}")).QuerySelector("[data-testid=export-history]"));
    }

    public static TheoryData<string, string> BadFilters => new()
    {
        { "from=2026-05-01&to=2026-04-01", "The start of the period is after its end." },
        { "from=2000-01-01&to=2026-04-01", "The period is longer than 3,660 days. Choose a shorter one." },
        { "from=2026-02-31", "“2026-02-31” is not a date. Write it as 2026-11-25." },
        { "application=BO/2099/999999", "No application has the registry number “BO/2099/999999”." },
        { "person=" + Guid.Empty, "No person is found for this filter." },
        { "organisation=" + Guid.Empty, "No such organisation." },
        { "type=gold", "No such certificate type." },
        { "stage=Lost", "No such stage." },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task BadFilters_GiveAMessage_AndNothingIsExported(string query, string message)
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        int before;
        await using (var db = app.Db()) before = await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ReportExported) + await db.ExportJobs.CountAsync();

        var page = await client.GetDocumentAsync("/Reports/History?" + query);
        Assert.Contains(message, page.Text("[data-testid=errors]"));
        // Posted as typed or chosen, even a value the form's lists do not offer.
        var values = query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        values["format"] = "xlsx";
        var response = await client.SubmitFormAsync("/Reports/History?" + query, values, "form[data-testid=export-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (await response.ParseAsync()).Text("[data-testid=errors]"));

        await using (var db = app.Db())
            Assert.Equal(before, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ReportExported) + await db.ExportJobs.CountAsync());
    }

    [Fact]
    public async Task AnUnknownFormat_GivesAMessage()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var response = await client.SubmitFormAsync("/Reports/History", new() { ["format"] = "pdf" }, "form[data-testid=export-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose Excel or CSV.", (await response.ParseAsync()).Text("[data-testid=errors]"));
    }
}
