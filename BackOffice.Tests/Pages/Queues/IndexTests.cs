using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using BackOffice.Web.Pages.Queues;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Queues;

public class IndexTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static async Task<Dictionary<WorkQueue, int>> NavigationCountsAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync("/");
        return Enum.GetValues<WorkQueue>().ToDictionary(q => q, q => int.Parse(page.Text($"[data-testid=count-{q}]")));
    }

    [Fact]
    public async Task Counts_InTheNavigation_MatchTheDataAndTheLists()
    {
        var client = await app.SignInAsRoleAsync(Roles.Reviewer);
        var before = await NavigationCountsAsync(client);

        await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);   // under processing
        await app.ApplicationAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);  // a file to review
        await app.ApplicationAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.ReturnedForCompletion);
        await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingFinalReview);
        await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.Issued);                  // completed, not acknowledged
        var archived = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.Cancelled);
        await using (var db = app.Db())
        {
            var tracked = await db.Applications.SingleAsync(a => a.Id == archived.Id);
            tracked.Archive(ApplicationBuilder.Admin, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var after = await NavigationCountsAsync(client);
        var expected = new Dictionary<WorkQueue, int>
        {
            [WorkQueue.UnderProcessing] = 1, [WorkQueue.AwaitingReview] = 1, [WorkQueue.ReturnedForCompletion] = 1, [WorkQueue.AwaitingFinalReview] = 1,
            [WorkQueue.AwaitingAcknowledgement] = 1, [WorkQueue.Completed] = 1, [WorkQueue.Archive] = 1,
        };
        foreach (var queue in Enum.GetValues<WorkQueue>())
        {
            Assert.True(expected[queue] == after[queue] - before[queue], $"{queue}: {before[queue]} → {after[queue]}");
            var list = await client.GetDocumentAsync($"/Queues/{queue}");
            Assert.Equal(after[queue], int.Parse(list.Text("[data-testid=queue-total]")));
        }
    }

    [Fact]
    public async Task Search_SortAndPaging_HappenInTheListAsAsked()
    {
        var created = new List<Application>();
        for (var i = 0; i < 27; i++)
            created.Add(await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.Submitted, "Sjöberg"));
        var client = await app.SignInAsRoleAsync(Roles.Auditor);

        var first = await client.GetDocumentAsync("/Queues/UnderProcessing?q=sjöBERG&sort=registry&asc=true");
        Assert.Equal("27", first.Text("[data-testid=queue-total]"));
        var numbers = first.QuerySelectorAll("[data-testid=registry]").Select(c => c.TextContent.Trim()).ToList();
        var sorted = created.Select(a => a.RegistryNumber).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sorted.Take(25), numbers);

        var second = await client.GetDocumentAsync("/Queues/UnderProcessing?q=sjöBERG&sort=registry&asc=true&p=2");
        Assert.Equal(sorted.Skip(25), second.QuerySelectorAll("[data-testid=registry]").Select(c => c.TextContent.Trim()));

        var byNumber = await client.GetDocumentAsync($"/Queues/UnderProcessing?q={Uri.EscapeDataString(created[3].RegistryNumber)}");
        Assert.Equal([created[3].RegistryNumber], byNumber.QuerySelectorAll("[data-testid=registry]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task List_ShowsDaysInTheCurrentStage()
    {
        var application = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingDataVerification, "Γεωργίου");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await client.GetDocumentAsync($"/Queues/UnderProcessing?q={Uri.EscapeDataString(application.RegistryNumber)}");
        var days = (int)(app.Clock.GetUtcNow() - application.StageChangedAt).TotalDays;
        Assert.Equal(days.ToString(), page.QuerySelectorAll("[data-testid=queue] tbody td").Last().TextContent.Trim());
        Assert.True(days > 0);
    }

    [Fact]
    public async Task UnknownQueue_IsNotFound()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Queues/Everything")).StatusCode);
    }

    [Fact]
    public async Task SystemAdministrator_IsForbidden_AndSeesNoQueueCounts()
    {
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Queues/Completed")).StatusCode);
        Assert.Null((await client.GetDocumentAsync("/")).QuerySelector("[data-testid=queue-nav]"));
    }

    [Fact]
    public async Task Search_IgnoresAccentsAndCase_AndTakesNamesInAnyOrder()
    {
        var oberg = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.Submitted, "Öbergström");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        foreach (var q in new[] { "obergstrom", "ÖBERGSTRÖM", "obergström mikko", "MIKKO OBERGSTROM" })
        {
            var page = await client.GetDocumentAsync($"/Queues/UnderProcessing?q={Uri.EscapeDataString(q)}");
            Assert.Equal([oberg.RegistryNumber], page.QuerySelectorAll("[data-testid=registry]").Select(c => c.TextContent.Trim()));
        }
        var withNul = await client.GetDocumentAsync("/Queues/UnderProcessing?q=%00obergstrom%00");
        Assert.Equal("1", withNul.Text("[data-testid=queue-total]"));
    }
}
