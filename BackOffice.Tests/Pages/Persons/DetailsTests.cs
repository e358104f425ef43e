using System.Net;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Persons;

public class DetailsTests(PersonsFactory app) : IClassFixture<PersonsFactory>
{
    [Fact]
    public async Task Get_ShowsDetailsEmploymentsApplicationsAndCertificates()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await client.GetDocumentAsync($"/Persons/{app.Makinen}");

        Assert.Equal("Mikko Mäkinen", page.Text("main h1"));
        Assert.Contains(app.MakinenIdentity, page.Text("[data-testid=person-details]"));
        Assert.Contains("mikko.makinen@example.fi", page.Text("[data-testid=person-details]"));
        var employment = page.Text("[data-testid=employments] tbody tr");
        Assert.Contains("Helsingin kaupunki", employment);
        Assert.Contains(PersonsFactory.HelsinkiNumber, employment);
        Assert.Contains("Confirmed", employment);

        var application = page.QuerySelector("[data-testid=application]")!;
        Assert.Equal($"/Applications/{app.MakinenApplication}", application.QuerySelector("a[data-testid=application-link]")!.GetAttribute("href"));
        Assert.Equal("BO/2026/000124", application.QuerySelector("a[data-testid=application-link]")!.TextContent.Trim());
        Assert.Equal("Certificate issued", application.Text("[data-testid=stage]"));
        // A citizen certificate has no steps, attestation or invoice recipient: those parts are "not needed", not "done".
        Assert.Equal(2, application.QuerySelectorAll(".progress-stages .progress-stage-done").Length);
        Assert.Equal(3, application.QuerySelectorAll(".progress-stages .progress-stage-notneeded").Length);

        var certificate = page.QuerySelectorAll("[data-testid=certificates] tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([PersonsFactory.MakinenCertificate, PersonsFactory.MakinenSerial, "Citizen certificate", "Active"], certificate.Take(4));
    }

    [Fact]
    public async Task Get_AsAdministrator_LinksToRegisteringAnApplication_OtherRolesDoNot()
    {
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var href = (await admin.GetDocumentAsync($"/Persons/{app.Papadopoulos}")).QuerySelector("[data-testid=register-link]")!.GetAttribute("href")!;
        Assert.Equal($"/Applications/Register?personId={app.Papadopoulos}", href);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync(href)).StatusCode);

        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        Assert.Null((await reviewer.GetDocumentAsync($"/Persons/{app.Papadopoulos}")).QuerySelector("[data-testid=register-link]"));
    }

    [Fact]
    public async Task Get_RequestedEmployment_IsShownAsRequested_AndAnOpenApplicationsStageAndProgress()
    {
        var client = await app.SignInAsRoleAsync(Roles.Reviewer);
        var page = await client.GetDocumentAsync($"/Persons/{app.Papadopoulos}");
        Assert.Contains("Requested", page.Text("[data-testid=employments] tbody tr"));
        var application = page.QuerySelector("[data-testid=application]")!;
        Assert.Equal("Submitted", application.QuerySelector(".progress-stages")!.GetAttribute("data-stage"));
        Assert.Equal("1", application.QuerySelector(".progress-stage-current .progress-stage-number")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_CancelledApplication_SaysIssuanceApplicationRejected_AndTheHistorySaysWhoCancelled()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var card = await client.GetDocumentAsync($"/Persons/{app.Cancelled}");
        Assert.Equal("Issuance application rejected", card.Text("[data-testid=application] [data-testid=stage]"));

        var historyLink = card.QuerySelector("a[data-tab=History]")!.GetAttribute("href")!;
        Assert.Equal($"/Persons/{app.Cancelled}/history", historyLink);
        var history = await client.GetDocumentAsync(historyLink);
        var lines = history.QuerySelectorAll("[data-testid=history] .moj-timeline__title").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["The issuance of the certificate was cancelled by Maria Virtanen", "Application registered by Maria Virtanen"], lines);
        Assert.Equal("page", history.QuerySelector("a[data-tab=History]")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Get_RecordsWhoViewedWhom_AndTheEventLogListsThePersonsEvents()
    {
        var client = await app.SignInAsync("reviewer2@test.example");
        await client.GetDocumentAsync($"/Persons/{app.Oberg}");

        await using (var db = app.Db())
        {
            var viewed = await db.AuditEvents.Where(e => e.Action == "person.viewed" && e.PersonId == app.Oberg).ToListAsync();
            var single = Assert.Single(viewed);
            Assert.Equal("Eleni Georgiou", single.ActorName);
            Assert.NotNull(single.ActorId);
            Assert.Equal(app.Oberg.ToString(), single.EntityId);
            Assert.Contains("Overview", single.Details);
        }

        var withViews = await client.GetDocumentAsync($"/Persons/{app.Oberg}/events?views=true");
        var views = withViews.QuerySelectorAll("[data-testid=events] tbody tr.event-view").Select(r => r.TextContent).ToList();
        Assert.Equal(2, views.Count); // the overview just seen, and this view of the log, newest first
        Assert.Contains("Eleni Georgiou viewed the person's event log", views[0]);
        Assert.Contains("Eleni Georgiou viewed the person's details", views[1]);
        var changesOnly = await client.GetDocumentAsync($"/Persons/{app.Oberg}/events");
        Assert.Empty(changesOnly.QuerySelectorAll("[data-testid=events] tbody tr.event-view"));
        Assert.Contains("Show views too", changesOnly.Text("[data-testid=toggle-views]"));
    }

    [Fact]
    public async Task Get_EventLog_ShowsTheApplicationsEvents()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var events = await client.GetDocumentAsync($"/Persons/{app.Cancelled}/events");
        var sentences = events.QuerySelectorAll("[data-testid=events] tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains(sentences, s => s.Contains("registered application BO/", StringComparison.Ordinal));
        Assert.Matches(@"cancelled the issuance of BO/\d{4}/\d{6}$", sentences[0]); // newest first, views hidden
        Assert.DoesNotContain(sentences, s => s.Contains("application.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/history")]
    [InlineData("/events")]
    public async Task Get_UnknownPerson_Returns404_AndRecordsNothing(string tab)
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Persons/{id}{tab}")).StatusCode);
        await using var db = app.Db();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.PersonId == id));
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("1")]
    [InlineData("overview")]
    public async Task Get_UnknownTab_Returns404(string tab)
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Persons/{app.Makinen}/{tab}")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Get_CaseRoles_MayReadTheCard(string role)
    {
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Persons/{app.Makinen}")).StatusCode);
    }

    [Fact]
    public async Task Get_AsSystemAdministrator_Returns403_AndRecordsNoView()
    {
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Persons/{app.Papadopoulos}")).StatusCode);
        await using var db = app.Db();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "person.viewed" && e.ActorName == "Pekka Nieminen"));
    }

    [Fact]
    public async Task Get_Anonymous_GoesToSignIn()
    {
        var response = await app.NewClient().GetAsync($"/Persons/{app.Makinen}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
