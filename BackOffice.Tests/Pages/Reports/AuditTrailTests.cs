using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>The audit trail export: sentences (never codes or JSON), filtered by staff member, action and subject.</summary>
public class AuditTrailTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static readonly string[] Header = ["No.", "Time", "Staff member", "Action", "What happened", "Person", "Registry number"];

    [Fact]
    public async Task Post_AsExcel_ListsTheEventsAsSentences_FilteredByStaffMemberAndAction()
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.AwaitingDocuments);
        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        await reviewer.GetAsync($"/Persons/{application.PersonId}");
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        Guid reviewerId;
        await using (var db = app.Db()) reviewerId = (await db.Users.SingleAsync(u => u.Email == "reviewer@test.example")).Id;

        var response = await client.SubmitFormAsync("/Reports/AuditTrail", new() { ["format"] = "xlsx", ["actor"] = reviewerId.ToString(), ["action"] = AuditActions.PersonViewed },
            "form[data-testid=export-form]");
        using var workbook = await response.WorkbookAsync();

        Assert.Equal(["About", "Audit trail"], workbook.Worksheets.Select(w => w.Name));
        var about = workbook.Worksheet("About").RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
        Assert.Equal("Johan Lindqvist", about["Staff member"]);
        Assert.Equal("Person's data viewed", about["Action"]);
        var sheet = workbook.Worksheet("Audit trail");
        Assert.Equal(Header, sheet.Header());
        var row = Assert.Single(sheet.DataRows());
        Assert.Equal("Johan Lindqvist", row.Cell(3).GetString());
        Assert.Equal("Person's data viewed", row.Cell(4).GetString());
        Assert.Equal("Johan Lindqvist viewed the person's details", row.Cell(5).GetString());
        Assert.Equal(ReportsData.Injected + " Öberg", row.Cell(6).GetString());
        Assert.False(row.Cell(6).HasFormula);
    }

    [Fact]
    public async Task Post_AsCsv_ForAnApplication_HoldsItsEvents_WithNoCodesOrJson()
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.AwaitingFinalReview);
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var response = await client.SubmitFormAsync("/Reports/AuditTrail", new() { ["format"] = "csv", ["application"] = application.RegistryNumber },
            "form[data-testid=export-form]");
        var (header, rows) = await response.CsvAsync();

        Assert.Equal(Header, header);
        await using var db = app.Db();
        // Every event of the application but the export's own, recorded once the file was whole.
        Assert.Equal(await db.AuditEvents.CountAsync(e => e.ApplicationId == application.Id) - 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(application.RegistryNumber, r[6]));
        Assert.All(rows, r => Assert.DoesNotContain(AuditActions.All, a => r[4].Contains(a) || r[3].Contains(a)));
        Assert.All(rows, r => Assert.DoesNotContain("{", r[4]));
        Assert.Contains(rows, r => r[4] == $"Nikos Alexiou registered application {application.RegistryNumber} (Service certificate)");
        Assert.Equal(rows.Select(r => long.Parse(r[0])).Order(), rows.Select(r => long.Parse(r[0])));
    }

    [Fact]
    public async Task AnUnknownCertificate_OrAction_GivesAMessage()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var certificate = await client.SubmitFormAsync("/Reports/AuditTrail", new() { ["format"] = "csv", ["certificate"] = "C-9999-999999" }, "form[data-testid=export-form]");
        Assert.Contains("No certificate has the number or serial number “C-9999-999999”.", (await certificate.ParseAsync()).Text("[data-testid=errors]"));
        var action = await client.SubmitFormAsync("/Reports/AuditTrail", new() { ["format"] = "csv", ["action"] = "person.deleted" }, "form[data-testid=export-form]");
        Assert.Contains("No such action.", (await action.ParseAsync()).Text("[data-testid=errors]"));
        var actor = await client.SubmitFormAsync("/Reports/AuditTrail", new() { ["format"] = "csv", ["actor"] = Guid.NewGuid().ToString() }, "form[data-testid=export-form]");
        Assert.Contains("No such staff member.", (await actor.ParseAsync()).Text("[data-testid=errors]"));
    }
}
