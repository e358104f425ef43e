using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>
/// Revocations against the 24-hour limit, in the statistics workbook and on the dashboard, from revocation requests made and sent
/// in the test through the real change path and sender (the authority steered, the clock moved): one revoked at once, one revoked
/// 25 hours after it was sent, one still open past the limit, one open within it; a scheduled request whose time has not come and
/// a withdrawn one were never sent and are not counted.
/// </summary>
public class RevocationStatisticsTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private static readonly string[] Header =
        ["Month", "Requests sent", "Revoked within 24 h", "Revoked later", "Open past 24 h", "Open within 24 h", "Median hours to revocation"];

    [Fact]
    public async Task TheWorkbooksSheet_AndTheDashboardsTable_CountEachRequestAgainstTheLimit_ByTheMonthItWasSent()
    {
        _ = app.Server;
        app.Authority.Reset();
        var admin = await app.StaffAsync("admin@test.example");
        var sender = app.RevocationSender();

        var (_, inTime) = await app.IssuedCertificateAsync(lastName: "InTime");
        await app.RequestRevocationAsync(inTime, admin);
        await sender.ProcessBatchAsync(); // revoked at once: 0 hours

        app.Authority.FailNext(1000); // the authority is down
        var (_, late) = await app.IssuedCertificateAsync(lastName: "Late");
        await app.RequestRevocationAsync(late, admin);
        await sender.ProcessBatchAsync();
        app.Clock.Advance(TimeSpan.FromHours(25));
        app.Authority.Reset();
        await sender.ProcessBatchAsync(); // revoked 25 hours after it was sent

        app.Authority.FailNext(1000);
        var (_, overdue) = await app.IssuedCertificateAsync(lastName: "Overdue");
        await app.RequestRevocationAsync(overdue, admin);
        await sender.ProcessBatchAsync();
        app.Clock.Advance(TimeSpan.FromHours(25));
        await sender.ProcessBatchAsync(); // still refused: open past the limit

        var (_, running) = await app.IssuedCertificateAsync(lastName: "Running");
        await app.RequestRevocationAsync(running, admin);
        await sender.ProcessBatchAsync(); // open, within the limit

        var (_, scheduled) = await app.IssuedCertificateAsync(lastName: "Scheduled");
        await app.RequestRevocationAsync(scheduled, admin, sendAt: app.Clock.GetUtcNow().AddDays(3));
        var (_, withdrawn) = await app.IssuedCertificateAsync(lastName: "Withdrawn");
        var toWithdraw = (await app.RequestRevocationAsync(withdrawn, admin, sendAt: app.Clock.GetUtcNow().AddDays(2))).RequestId!.Value;
        var request = await app.ReloadRequestAsync(toWithdraw);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<BackOffice.Web.Infrastructure.Revocations.RevocationChanges>()
                .WithdrawAsync(toWithdraw, request.Version, "Wrong certificate", admin);
            Assert.True(outcome.Succeeded, outcome.Error?.Message);
        }
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var response = await client.SubmitFormAsync("/Reports/Statistics", new() { ["format"] = "xlsx", ["from"] = "2026-01-01", ["to"] = "2026-11-30" },
            "form[data-testid=export-form]");
        using var workbook = await response.WorkbookAsync();

        var sheet = workbook.Worksheet(6);
        Assert.Equal("Revocations against the 24-hour", sheet.Name);
        Assert.Equal(Header, sheet.Header());
        var november = Assert.Single(sheet.DataRows());
        Assert.Equal(new DateTime(2026, 11, 1), november.Cell(1).GetDateTime());
        Assert.Equal([4.0, 1, 1, 1, 1], Enumerable.Range(2, 5).Select(c => november.Cell(c).GetDouble()));
        Assert.Equal(12.5, november.Cell(7).GetDouble()); // the median of 0 and 25 hours

        // A period before the requests has the header and no rows.
        response = await client.SubmitFormAsync("/Reports/Statistics", new() { ["format"] = "xlsx", ["from"] = "2026-01-01", ["to"] = "2026-10-31" },
            "form[data-testid=export-form]");
        using var before = await response.WorkbookAsync();
        Assert.Equal(Header, before.Worksheet(6).Header());
        Assert.Empty(before.Worksheet(6).DataRows());

        // The dashboard (an Administrator) has the same numbers in its table, and its chart draws the four outcomes.
        client = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await client.GetDocumentAsync("/Reports/Dashboard");

        Assert.Null(page.QuerySelector("[data-testid=no-revocations]"));
        Assert.Equal(Header, page.QuerySelectorAll("#revocations-table thead th").Select(th => th.TextContent));
        var row = Assert.Single(page.QuerySelectorAll("#revocations-table tbody tr"));
        Assert.Equal("Nov 2026", row.QuerySelector("th")!.TextContent);
        Assert.Equal(["4", "1", "1", "1", "1", "12.5"], row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-value")));
        Assert.Equal("12.5", row.QuerySelectorAll("td")[5].TextContent);
        Assert.Equal("2,3,4,5", page.QuerySelector("[data-chart-for=revocations-table]")!.GetAttribute("data-chart-columns"));
    }
}
