using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Exports;
using BackOffice.Tests.Pages.Reports;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Exports;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>
/// Reports and audit in Chromium: the dashboard draws its charts with Chart.js (served by the app) and, without JavaScript, shows
/// the same numbers as tables; a background export's page shows its download without reloading; no WCAG 2.1 A/AA violation.
/// </summary>
public class ReportsBrowserTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private async Task ArrangeAsync()
    {
        await using (var db = app.Db())
            if (await db.Decisions.AnyAsync()) return;
        await app.InjectedApplicationAsync(ApplicationStage.Issued);
        await app.InjectedApplicationAsync(ApplicationStage.Rejected);
        await app.InjectedApplicationAsync(ApplicationStage.AwaitingDocuments);
    }

    [Fact]
    public async Task TheDashboard_DrawsEveryChart_FromItsTable_WithNoViolations()
    {
        await ArrangeAsync();
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync("/Reports/Dashboard");

        // Three charts: the fourth, revocations, has no rows yet (no revocation exists) — its table says so, and nothing is drawn.
        await Assertions.Expect(page.Locator("[data-chart] canvas")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-chart-for=revocations-table] canvas")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=no-revocations]")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Chart === 'function'"));
        await Assertions.Expect(page.Locator("#open-table")).ToBeVisibleAsync();
        // Chart.js drew something: the canvas of the decisions chart is not blank.
        Assert.True(await page.EvaluateAsync<bool>("""
            () => { const c = document.querySelector('[data-chart-for="decisions-table"] canvas');
                    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false; }
            """));
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task WithoutJavaScript_TheDashboardShowsItsTables()
    {
        await ArrangeAsync();
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await app.SignInAsync(page, "auditor@test.example");
        await page.GotoAsync("/Reports/Dashboard");

        await Assertions.Expect(page.Locator("canvas")).ToHaveCountAsync(0);
        foreach (var table in new[] { "#open-table", "#decisions-table", "#days-table", "#revocations-table" })
            await Assertions.Expect(page.Locator(table)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#decisions-table tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator("#open-table tbody")).ToContainTextAsync("Awaiting documents");
        // (axe needs scripts to run, so the same markup is checked with JavaScript on, above.)
    }

    [Fact]
    public async Task TheReportsAndAuditPages_HaveNoViolations()
    {
        await ArrangeAsync();
        Guid personId, staffId;
        await using (var db = app.Db())
        {
            personId = await db.Persons.Select(p => p.Id).FirstAsync();
            staffId = await db.Users.Where(u => u.Email == "reviewer@test.example").Select(u => u.Id).SingleAsync();
        }
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "auditor@test.example");
        foreach (var url in new[] { "/Reports", "/Reports/History", $"/Reports/History?person={personId}", "/Reports/AuditTrail", "/Reports/Statistics",
                     $"/Reports/SubjectAccess/{personId}", "/Audit", "/Audit?from=2026-05-01&to=2026-01-01", "/Audit/Staff", $"/Audit/Staff/{staffId}" })
        {
            await page.GotoAsync(url);
            await AssertNoViolationsAsync(page, url);
        }
        await page.GotoAsync("/Audit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=verification]")).ToContainTextAsync("The audit trail is intact");
        await AssertNoViolationsAsync(page, "/Audit after Verify");
    }

    [Fact]
    public async Task ABackgroundExportsPage_ShowsItsDownload_WithoutReloading()
    {
        var application = await app.InjectedApplicationAsync(ApplicationStage.AwaitingDocuments);
        Guid jobId;
        await using (var db = app.Db())
        {
            var auditor = (await db.Users.SingleAsync(u => u.Email == "auditor@test.example")).AsActor();
            var filter = new ReportFilter { From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 11, 2), PersonId = application.PersonId, PersonName = "Öberg" };
            var job = ExportJob.Request(ExportReport.History, ExportFormat.Csv, filter.ToValues(), auditor, "en", 0, app.Clock.GetUtcNow());
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync();
            jobId = job.Id;
        }
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "auditor@test.example");
        await page.GotoAsync($"/Reports/Jobs/{jobId}");
        await Assertions.Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Waiting to start.");
        await Assertions.Expect(page.Locator("[data-testid=download-link]")).ToBeHiddenAsync();
        await page.EvaluateAsync("() => window.notReloaded = true");
        await AssertNoViolationsAsync(page);

        var jobs = app.Services.GetRequiredService<ExportJobs>();
        while (await jobs.RunNextAsync()) { }

        await Assertions.Expect(page.Locator("[data-testid=download-link]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=job-status]")).ToContainTextAsync("Ready:");
        Assert.Equal("100", await page.Locator("progress").GetAttributeAsync("value") ?? await page.EvaluateAsync<string>("() => String(document.querySelector('progress').value)"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
    }

    private static async Task AssertNoViolationsAsync(IPage page, string? where = null)
    {
        var result = await page.RunAxe(Wcag21AA);
        Assert.True(result.Violations.Length == 0, (where is null ? "" : where + ": ") +
            string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
