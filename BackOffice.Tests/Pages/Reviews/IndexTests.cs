using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages.Reviews;

/// <summary>The Reviewer's queue: steps awaiting review, oldest first, with person, registry number, step and waiting time.</summary>
public class IndexTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task Get_ListsStepsAwaitingReview_OldestFirst_WithWaitingTime()
    {
        // Files arrive three days before the clock (the builder's start), the second application ten minutes later per step.
        var older = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments, Support.Applications.FinnishPerson("Eino", "Äijälä"));
        await app.UploadFilesAsync(older.Id, app.Clock.GetUtcNow().AddDays(-2).AddHours(-5));
        var newer = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments, Support.Applications.FinnishPerson("Γιάννης", "Νικολάου"));
        await app.UploadFilesAsync(newer.Id, app.Clock.GetUtcNow().AddHours(-3));
        var client = await app.SignInAsRoleAsync(Roles.Reviewer);

        var page = await client.GetDocumentAsync("/Reviews");

        var rows = page.QuerySelectorAll("[data-testid=review-queue] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        var ours = rows.Where(r => r[0] is "Eino Äijälä" or "Γιάννης Νικολάου").ToList();
        Assert.Equal(
            [["Eino Äijälä", older.RegistryNumber, "Copy of active external certificate", "2 d 5 h"],
             ["Γιάννης Νικολάου", newer.RegistryNumber, "Copy of active external certificate", "3 h"]],
            ours);
        Assert.Equal($"/Reviews/{older.Steps[0].Id}", page.QuerySelector("[data-testid=review-queue] tbody tr a")!.GetAttribute("href"));
    }

    /// <summary>The design issue (item 5): 39 final reviews showed 25 and the rest were unreachable.</summary>
    [Fact]
    public async Task Get_FinalReviewsPageOnTheirOwn_SoEveryOneIsReachable()
    {
        await using (var db = app.Db())
        {
            var waiting = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Applications, a => a.Stage == ApplicationStage.AwaitingFinalReview);
            for (var i = waiting; i < 27; i++)
                await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview);
        }
        var client = await app.SignInAsRoleAsync(Roles.Reviewer);

        var first = await client.GetDocumentAsync("/Reviews");
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(first.Text("#final-heading"), @"\d+").Value);
        Assert.True(total >= 27);
        var seen = first.QuerySelectorAll("[data-testid=final-queue] tbody tr a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(25, seen.Count);
        var next = first.QuerySelector("[data-testid=final-pager] a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("fp=2", next);
        var second = await client.GetDocumentAsync(next);
        var more = second.QuerySelectorAll("[data-testid=final-queue] tbody tr a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(total - 25, more.Count);
        Assert.Empty(seen.Intersect(more));
        Assert.Equal("Page 2 of 2", second.Text("[data-testid=final-pager] [aria-current=page]"));
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task Get_ForRolesThatDoNotReview_Is403(string role)
    {
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Reviews")).StatusCode);
    }
}
