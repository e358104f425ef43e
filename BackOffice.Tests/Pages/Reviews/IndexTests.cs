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
