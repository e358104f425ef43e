using System.Net;
using AngleSharp.Dom;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using BackOffice.Web.Pages.Revocations;

namespace BackOffice.Tests.Pages.Revocations;

/// <summary>The revocation dashboard with the fake clock: time left to the 24-hour limit, overdue marked, filters and counts.</summary>
public class IndexTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private static IElement Row(AngleSharp.Html.Dom.IHtmlDocument page, Guid id) =>
        page.QuerySelectorAll("[data-testid=revocation]").SingleOrDefault(r => r.GetAttribute("data-id") == id.ToString())
        ?? throw new InvalidOperationException($"No row for {id}: {page.QuerySelector("main")?.TextContent}");

    private static bool Lists(AngleSharp.Html.Dom.IHtmlDocument page, Guid id) =>
        page.QuerySelectorAll("[data-testid=revocation]").Any(r => r.GetAttribute("data-id") == id.ToString());

    /// <summary>The count in the state tab (the sub-navigation's <c>data-tab</c>).</summary>
    private static int Count(AngleSharp.Html.Dom.IHtmlDocument page, RevocationFilter filter) =>
        int.Parse(page.Text($"[data-testid=revocation-tabs] [data-tab={filter}] .app-count"));

    [Fact]
    public async Task TheLimit_IsCountedDown_ThenMarkedOverdue_InColourAndText_AndTheMostUrgentComeFirst()
    {
        _ = app.Server;
        app.Authority.Reset();
        var admin = await app.StaffAsync("admin@test.example");
        var (_, failing) = await app.IssuedCertificateAsync(lastName: "Overdue");
        var late = (await app.RequestRevocationAsync(failing, admin)).RequestId!.Value;
        app.Authority.FailNext(1000); // the authority is down
        await app.RevocationSender().ProcessBatchAsync();
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var before = await client.GetDocumentAsync("/Revocations");
        Assert.Equal("24 h 0 min left", Row(before, late).Text("[data-testid=limit]"));
        Assert.Equal("false", Row(before, late).GetAttribute("data-overdue"));
        Assert.Equal("Being sent", Row(before, late).Text("[data-testid=phase]"));
        var overdueBefore = Count(before, RevocationFilter.Overdue);

        app.Clock.Advance(TimeSpan.FromHours(25));
        var (_, fresh) = await app.IssuedCertificateAsync(lastName: "Fresh");
        var recent = (await app.RequestRevocationAsync(fresh, admin, sendAt: app.Clock.GetUtcNow().AddHours(3))).RequestId!.Value;
        client = await app.SignInAsRoleAsync(Roles.Auditor); // a day later: a new session

        var after = await client.GetDocumentAsync("/Revocations");
        var row = Row(after, late);
        Assert.Equal("Overdue by 1 h 0 min", row.Text("[data-testid=limit]"));
        Assert.Equal("true", row.GetAttribute("data-overdue"));
        Assert.Equal("27 h 0 min left", Row(after, recent).Text("[data-testid=limit]"));
        Assert.Equal("Scheduled", Row(after, recent).Text("[data-testid=phase]"));
        var order = after.QuerySelectorAll("[data-testid=revocation]").Select(r => r.GetAttribute("data-id")).ToList();
        Assert.True(order.IndexOf(late.ToString()) < order.IndexOf(recent.ToString()), "the overdue request comes first");
        Assert.Equal(overdueBefore + 1, Count(after, RevocationFilter.Overdue));

        var overdue = await client.GetDocumentAsync("/Revocations?state=Overdue");
        Assert.True(Lists(overdue, late));
        Assert.False(Lists(overdue, recent));
        var details = await client.GetDocumentAsync($"/Revocations/{late}");
        Assert.Equal("true", details.QuerySelector("[data-testid=revoke-by]")!.GetAttribute("data-overdue"));
        Assert.Equal("The certificate authority could not be reached or refused the request.", details.QuerySelector("[data-testid=last-error]")!.FirstChild!.TextContent.Trim());
        Assert.Equal("Its answer: HttpRequestException: The authority's service is unavailable (503)", details.Text("[data-testid=last-error-detail]"));
        Assert.Contains("has not accepted the request: 1 attempts so far", details.Text("[data-testid=failing]"));

        // Revoked late, it stays marked: the report counts it against the limit.
        app.Authority.Reset();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.RevocationSender().ProcessBatchAsync();
        var revoked = await client.GetDocumentAsync("/Revocations?state=Revoked");
        Assert.Equal("Revoked 2 h 0 min late", Row(revoked, late).Text("[data-testid=limit]"));
        Assert.Equal("true", Row(revoked, late).GetAttribute("data-overdue"));
        Assert.False(Lists(await client.GetDocumentAsync("/Revocations"), late));
    }

    [Fact]
    public async Task TheLastError_IsSaidInTheReadersLanguage_FromItsStoredCode()
    {
        _ = app.Server;
        var admin = await app.StaffAsync("admin@test.example");
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Silent");
        var id = (await app.RequestRevocationAsync(certificate, admin)).RequestId!.Value;
        await using (var db = app.Db())
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database,
                $"UPDATE revocation_requests SET attempts = 1, last_failure = 'NoAnswer', last_error = NULL, next_attempt_at = next_attempt_at + interval '1 minute' WHERE id = {id}");
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var english = await client.GetDocumentAsync($"/Revocations/{id}");
        Assert.Equal("The certificate authority did not answer in time.", english.Text("[data-testid=last-error]"));
        Assert.Null(english.QuerySelector("[data-testid=last-error-detail]"));
        await client.SubmitFormAsync("/", new() { ["language"] = "fi", ["returnUrl"] = "/" }, "form[action='/Language']");
        var finnish = await client.GetDocumentAsync($"/Revocations/{id}");
        Assert.Equal("Varmentaja ei vastannut ajoissa.", finnish.Text("[data-testid=last-error]"));
        await client.SubmitFormAsync("/", new() { ["language"] = "sv", ["returnUrl"] = "/" }, "form[action='/Language']");
        Assert.Equal("Certifikatutfärdaren svarade inte i tid.", (await client.GetDocumentAsync($"/Revocations/{id}")).Text("[data-testid=last-error]"));
    }

    [Fact]
    public async Task ARequestWithinFourHoursOfItsLimit_IsDueSoon_InColourAndWords_ThenOverdue()
    {
        _ = app.Server;
        app.Authority.Reset();
        var admin = await app.StaffAsync("admin@test.example");
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "DueSoon");
        var id = (await app.RequestRevocationAsync(certificate, admin)).RequestId!.Value;
        app.Authority.FailNext(1000); // the authority is down: the request stays pending
        await app.RevocationSender().ProcessBatchAsync();
        app.Authority.Reset();

        app.Clock.Advance(TimeSpan.FromHours(20) - TimeSpan.FromMinutes(1));
        var client = await app.SignInAsRoleAsync(Roles.Administrator); // a new session after the hours passed
        var onTime = Row(await client.GetDocumentAsync("/Revocations"), id);
        Assert.Equal(("On time", "false"), (onTime.Text("[data-testid=limit-state]"), onTime.GetAttribute("data-due-soon")));

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // 4 h before the limit
        var soon = Row(await client.GetDocumentAsync("/Revocations"), id);
        Assert.Equal(("Due soon", "4 h 0 min left", "true", "false"),
            (soon.Text("[data-testid=limit-state]"), soon.Text("[data-testid=limit]"), soon.GetAttribute("data-due-soon"), soon.GetAttribute("data-overdue")));
        Assert.Contains("govuk-tag--yellow", soon.QuerySelector("[data-testid=limit-state] .govuk-tag")!.ClassName);
        var details = await client.GetDocumentAsync($"/Revocations/{id}");
        Assert.Equal("Due soon", details.Text("[data-testid=limit-state]"));

        app.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        client = await app.SignInAsRoleAsync(Roles.Administrator);
        var late = Row(await client.GetDocumentAsync("/Revocations"), id);
        Assert.Equal(("Overdue", "false", "true"), (late.Text("[data-testid=limit-state]"), late.GetAttribute("data-due-soon"), late.GetAttribute("data-overdue")));
    }

    [Fact]
    public async Task TheDateFilter_KeepsRequestsSubmittedOnThoseOfficeDays_AndABadDateIsSaidNotThrown()
    {
        var admin = await app.StaffAsync("admin@test.example");
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Dated");
        var id = (await app.RequestRevocationAsync(certificate, admin, sendAt: app.Clock.GetUtcNow().AddDays(3))).RequestId!.Value;
        var day = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki")).Date;
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        Assert.True(Lists(await client.GetDocumentAsync($"/Revocations?state=All&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"), id));
        Assert.False(Lists(await client.GetDocumentAsync($"/Revocations?state=All&from={day.AddDays(1):yyyy-MM-dd}"), id));
        Assert.False(Lists(await client.GetDocumentAsync($"/Revocations?state=All&to={day.AddDays(-1):yyyy-MM-dd}"), id));

        var bad = await client.GetAsync("/Revocations?state=All&from=31.02.2026&to=soon");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var page = await bad.ParseAsync();
        Assert.Contains("Give a date, for example 24.12.2026.", page.Text("[data-testid=errors]"));
        Assert.True(Lists(page, id), "an unreadable date filters nothing");
        var reversed = await client.GetDocumentAsync($"/Revocations?state=All&from={day:yyyy-MM-dd}&to={day.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains("The end date is before the start date.", reversed.Text("[data-testid=errors]"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Revocations?state=Nonsense&p=-5")).StatusCode);
    }

    /// <summary>
    /// A "to" date is the whole office day, to the start of the next one: on the autumn change day (last Sunday of October, 25 hours in
    /// Helsinki, 03:00–04:00 twice) and the spring one (last Sunday of March, 23 hours), never start + 24 h.
    /// </summary>
    [Theory]
    [InlineData("2026-10-25", "2026-10-24T21:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T21:30:00Z", "2026-10-24T20:59:00Z", "2026-10-25T22:00:00Z")]
    [InlineData("2026-03-29", "2026-03-28T22:00:00Z", "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-03-29T20:59:00Z", "2026-03-28T21:59:00Z", "2026-03-29T21:30:00Z")]
    public async Task TheToDate_OnADaylightSavingChangeDay_EndsAtTheNextOfficeMidnight(string day, string first, string inRepeatedOrSkipped1,
        string inRepeatedOrSkipped2, string last, string dayBefore, string dayAfter)
    {
        var admin = await app.StaffAsync("admin@test.example");
        var ids = new Dictionary<string, Guid>();
        foreach (var at in new[] { first, inRepeatedOrSkipped1, inRepeatedOrSkipped2, last, dayBefore, dayAfter })
        {
            var (_, certificate) = await app.IssuedCertificateAsync(lastName: "ChangeDay");
            var id = (await app.RequestRevocationAsync(certificate, admin, sendAt: app.Clock.GetUtcNow().AddDays(3))).RequestId!.Value;
            var submitted = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
            await using var db = app.Db();
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database,
                $"UPDATE revocation_requests SET submitted_at = {submitted} WHERE id = {id}");
            ids[at] = id;
        }
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await client.GetDocumentAsync($"/Revocations?state=All&from={day}&to={day}");

        Assert.Equal([first, inRepeatedOrSkipped1, inRepeatedOrSkipped2, last], ids.Where(i => Lists(page, i.Value)).Select(i => i.Key).Order().ToArray());
        var onlyTo = await client.GetDocumentAsync($"/Revocations?state=All&to={day}");
        Assert.True(Lists(onlyTo, ids[last]), "the last hour of the change day is in it");
        Assert.False(Lists(onlyTo, ids[dayAfter]), "the next day's first hour is not");
    }

    [Fact]
    public async Task Administrators_AndAuditors_ReadTheDashboard_OnlyAdministratorsGetTheFormLinks_OthersAre403()
    {
        var administrator = await (await app.SignInAsRoleAsync(Roles.Administrator)).GetDocumentAsync("/Revocations");
        Assert.Equal(3, administrator.QuerySelectorAll("[data-testid=revocation-links] a").Length);
        var auditor = await (await app.SignInAsRoleAsync(Roles.Auditor)).GetDocumentAsync("/Revocations");
        Assert.Equal(["/Revocations/Revoked"], auditor.QuerySelectorAll("[data-testid=revocation-links] a").Select(a => a.GetAttribute("href")));
        foreach (var role in new[] { Roles.Reviewer, Roles.SystemAdministrator })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsRoleAsync(role)).GetAsync("/Revocations")).StatusCode);
    }

    [Fact]
    public async Task TheRequestPage_IsReadOnlyForAuditors_AndRecordedAsAView()
    {
        var (application, certificate) = await app.IssuedCertificateAsync(lastName: "Audited");
        var id = (await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"), sendAt: app.Clock.GetUtcNow().AddDays(1))).RequestId!.Value;
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);

        var page = await auditor.GetDocumentAsync($"/Revocations/{id}");

        Assert.Null(page.QuerySelector("[data-testid=actions]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/Revocations/Withdraw/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/Revocations/Approve/{id}")).StatusCode);
        foreach (var role in new[] { Roles.Reviewer, Roles.SystemAdministrator })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsRoleAsync(role)).GetAsync($"/Revocations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/Revocations/{Guid.NewGuid()}")).StatusCode);
        var events = await (await app.SignInAsRoleAsync(Roles.Auditor)).GetDocumentAsync($"/Applications/{application.Id}?views=true");
        Assert.Contains($"Aino Korhonen viewed the request to revoke certificate {certificate.Number} of {application.RegistryNumber}", events.Text("[data-testid=event-log]"));
        Assert.Contains($"Maria Virtanen requested the revocation of certificate {certificate.Number} of {application.RegistryNumber} (Key compromise), to be sent on", events.Text("[data-testid=event-log]"));
    }
}

/// <summary>The navigation's Revocations entry counts the open requests, red while one is past its limit (its own database, so the counts are exact).</summary>
public class NavigationCountTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private static IElement Entry(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("[data-testid=nav] a[data-nav='/Revocations/Index']") ?? throw new InvalidOperationException("no Revocations entry");

    [Fact]
    public async Task TheEntry_CountsOpenRequests_AndIsUrgentWhileOneIsOverdue()
    {
        _ = app.Server;
        var admin = await app.StaffAsync("admin@test.example");
        Assert.Equal("0", Entry(await (await app.SignInAsRoleAsync(Roles.Auditor)).GetDocumentAsync("/")).QuerySelector(".app-count")!.TextContent.Trim());

        var (_, first) = await app.IssuedCertificateAsync(lastName: "Counted");
        var (_, second) = await app.IssuedCertificateAsync(lastName: "Counted");
        await app.RequestRevocationAsync(first, admin, sendAt: app.Clock.GetUtcNow().AddDays(3));
        app.Authority.FailNext(1000);
        await app.RequestRevocationAsync(second, admin);
        await app.RevocationSender().ProcessBatchAsync();

        var count = Entry(await (await app.SignInAsRoleAsync(Roles.Administrator)).GetDocumentAsync("/")).QuerySelector(".app-count")!;
        Assert.Equal("2", count.TextContent.Trim());
        Assert.DoesNotContain("app-count--urgent", count.ClassName);

        app.Clock.Advance(TimeSpan.FromHours(25));
        count = Entry(await (await app.SignInAsRoleAsync(Roles.Auditor)).GetDocumentAsync("/")).QuerySelector(".app-count")!;
        Assert.StartsWith("2", count.TextContent.Trim());
        Assert.Contains("app-count--urgent", count.ClassName);
        Assert.Contains("needs attention", count.TextContent);
        app.Authority.Reset();
    }
}
