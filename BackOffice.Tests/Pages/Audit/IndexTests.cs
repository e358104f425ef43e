using System.Net;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Pages.Reports;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Audit;

/// <summary>The audit trail page: sentences for every action (never codes or JSON), filters, paging, reading audited; Verify.</summary>
public class IndexTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static readonly System.Globalization.CultureInfo EnGb = new("en-GB");

    [Fact]
    public async Task Get_ListsEventsAsSentences_NewestFirst_AndIsAudited()
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.Cancelled);
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);

        var page = await auditor.GetDocumentAsync("/Audit");

        var text = page.Text("[data-testid=events]");
        Assert.Contains($"Nikos Alexiou cancelled the issuance of {application.RegistryNumber}", text);
        Assert.DoesNotContain(AuditActions.All, a => text.Contains(a, StringComparison.Ordinal));
        Assert.DoesNotContain("{\"", text);
        var first = page.QuerySelector("[data-testid=events] tbody tr")!;
        // With no period chosen, the last 3,660 days up to today (the app's clock), in the reader's culture (en-GB).
        var sentence = first.QuerySelectorAll("td")[1];
        Assert.Equal("View", sentence.QuerySelector(".govuk-tag")!.TextContent); // a reading is a view
        Assert.EndsWith($"Aino Korhonen read the audit trail (Period: {new DateOnly(2026, 11, 2).AddDays(-3660).ToString("d", EnGb)}–02/11/2026)",
            sentence.TextContent);
        Assert.NotNull(page.QuerySelector($"[data-testid=events] a[href='/Applications/{application.Id}']"));
        await using var db = app.Db();
        Assert.Equal(AuditActions.AuditViewed, (await db.AuditEvents.OrderByDescending(e => e.Position).FirstAsync()).Action);
    }

    [Fact]
    public async Task Get_FilteredByActionAndApplication_ShowsOnlyThose_AndItsExportLinkCarriesTheFilters()
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.AwaitingFinalReview);
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);

        var page = await auditor.GetDocumentAsync($"/Audit?action={AuditActions.StepApproved}&application={Uri.EscapeDataString(application.RegistryNumber)}");

        var rows = page.QuerySelectorAll("[data-testid=events] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("Johan Lindqvist approved the step", r.QuerySelectorAll("td")[1].TextContent));
        Assert.Equal($"/Reports/AuditTrail?application={Uri.EscapeDataString(application.RegistryNumber)}&action={AuditActions.StepApproved}",
            page.QuerySelector("[data-testid=export-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task BadFilters_GiveAMessage_NeverA500()
    {
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);
        foreach (var (query, message) in new[]
                 {
                     ("from=2026-05-01&to=2026-01-01", "The start of the period is after its end."),
                     ("action=nothing.done", "No such action."),
                     ("application=BO/1999/000001", "No application has the registry number “BO/1999/000001”."),
                     ("p=999999999", null),
                 })
        {
            var response = await auditor.GetAsync("/Audit?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (message is not null) Assert.Contains(message, (await response.ParseAsync()).Text("[data-testid=errors]"));
        }
    }

    [Fact]
    public async Task Verify_SaysIntact_WithTheCountAndLastHash_ThenFindsTheAlteredRow_AndIsAudited()
    {
        await app.InjectedApplicationAsync(ApplicationStage.AwaitingDocuments);
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);

        var response = await auditor.SubmitFormAsync("/Audit", [], "form[action*='handler=Verify']");
        var page = await response.ParseAsync();
        var result = page.QuerySelector("[data-testid=verification]")!;
        Assert.Equal("true", result.GetAttribute("data-intact"));
        await using (var db = app.Db())
        {
            // The verification is an event; the page shown after it (the trail) is a reading, the next event.
            var verified = await db.AuditEvents.OrderByDescending(e => e.Position).FirstAsync(e => e.Action == AuditActions.AuditVerified);
            var head = await db.AuditEvents.Where(e => e.Position == verified.Position - 1).SingleAsync();
            Assert.Matches($"^The audit trail is intact: {head.Position.ToString("N0", EnGb)} events, 0 signed checkpoints; the last hash is {head.Hash}\\.$", result.TextContent);
        }

        long altered;
        DateTimeOffset at;
        await using (var db = app.Db())
        {
            var victim = await db.AuditEvents.Where(e => e.Action == AuditActions.ApplicationStageChanged).OrderBy(e => e.Position).FirstAsync();
            (altered, at) = (victim.Position, victim.OccurredAt);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update");
            await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET actor_name = 'Someone else' WHERE position = {altered}");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update");
            await transaction.CommitAsync();
        }
        page = await (await auditor.SubmitFormAsync("/Audit", [], "form[action*='handler=Verify']")).ParseAsync();
        result = page.QuerySelector("[data-testid=verification]")!;
        Assert.Equal("false", result.GetAttribute("data-intact"));
        Assert.StartsWith($"The audit trail is broken at event {altered.ToString("N0", EnGb)} ({ReportsData.Local(at).ToString("G", EnGb)}): its hash or its link", result.TextContent);
        Assert.Contains($"The {(altered - 1).ToString("N0", EnGb)} events before it are intact.", result.TextContent);
        Assert.Contains($"Aino Korhonen verified the audit trail: broken at event {altered}", page.Text("[data-testid=events]"));
    }

    [Fact]
    public async Task TheStaffRecord_ShowsWhatTheyDid_AndWhosePersonsDataTheyViewed_AndIsAudited()
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.AwaitingDocuments);
        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        await reviewer.GetAsync($"/Persons/{application.PersonId}");
        await reviewer.GetAsync($"/Persons/{application.PersonId}/history");
        Guid reviewerId;
        await using (var db = app.Db()) reviewerId = (await db.Users.SingleAsync(u => u.Email == "reviewer@test.example")).Id;
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);

        var list = await auditor.GetDocumentAsync("/Audit/Staff");
        Assert.NotNull(list.QuerySelector($"[data-testid=staff] a[href='/Audit/Staff/{reviewerId}']"));
        var page = await auditor.GetDocumentAsync($"/Audit/Staff/{reviewerId}");

        Assert.Equal("Record of Johan Lindqvist", page.Text("main h1"));
        var actions = page.QuerySelectorAll("[data-testid=actions] tbody tr").ToDictionary(r => r.Children[0].TextContent, r => r.Children[1].TextContent);
        Assert.Equal("2", actions["Person's data viewed"]);
        Assert.Equal("1", actions["Signed in"]);
        var person = page.QuerySelector($"[data-testid=persons] a[href='/Persons/{application.PersonId}']")!;
        Assert.Equal(ReportsData.Injected + " Öberg", person.TextContent);
        Assert.Equal("2", person.ParentElement!.ParentElement!.Children[1].TextContent);
        Assert.Contains("Johan Lindqvist viewed the person's application history", page.Text("[data-testid=events]"));
        Assert.Equal($"/Reports/AuditTrail?actor={reviewerId}&from={new DateOnly(2026, 11, 2).AddDays(-3660):yyyy-MM-dd}&to=2026-11-02", page.QuerySelector("[data-testid=export-link]")!.GetAttribute("href"));

        await using var check = app.Db();
        var viewed = await check.AuditEvents.OrderByDescending(e => e.Position).FirstAsync(e => e.Action == AuditActions.StaffRecordViewed);
        Assert.Equal("Aino Korhonen", viewed.ActorName);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/Audit/Staff/{Guid.NewGuid()}")).StatusCode);
    }
}
