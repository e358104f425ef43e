using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>The dashboard's tables: what a browser without JavaScript shows, and what the charts are drawn from.</summary>
public class DashboardTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task Get_ShowsEveryChartsNumbersAsATable()
    {
        await app.InjectedApplicationAsync(ApplicationStage.Issued);
        await app.InjectedApplicationAsync(ApplicationStage.Rejected);
        await app.ApplicationByStaffAsync("service", ApplicationStage.AwaitingDocuments);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await client.GetDocumentAsync("/Reports/Dashboard");

        var open = page.QuerySelectorAll("#open-table tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.GetAttribute("data-value"));
        Assert.Equal("1", open["Awaiting documents"]);
        Assert.DoesNotContain("Certificate issued", open.Keys);
        var months = page.QuerySelectorAll("#decisions-table tbody tr");
        Assert.Equal(12, months.Length);
        Assert.Equal("Nov 2026", months[^1].QuerySelector("th")!.TextContent);
        var totals = Enumerable.Range(0, 3).Select(c => months.Sum(m => int.Parse(m.QuerySelectorAll("td")[c].GetAttribute("data-value")!))).ToList();
        Assert.Equal([1, 0, 1], totals); // issued, cancelled, refused (the arranged ones were decided in October)
        var days = Assert.Single(page.QuerySelectorAll("#days-table tbody tr"));
        Assert.Equal("Service certificate", days.QuerySelector("th")!.TextContent);
        Assert.Equal("No revocation requests in these twelve months.", page.Text("[data-testid=no-revocations]"));
        Assert.Equal(4, page.QuerySelectorAll("[data-chart]").Length);
        Assert.All(page.QuerySelectorAll("table"), t => Assert.NotNull(t.QuerySelector("caption")));
    }
}
