using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Applications;

public class DetailsTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task Get_ShowsTheHeaderTheStepsAndTheHistory()
    {
        var application = await app.ApplicationAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments, "Öberg");
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var page = await client.GetDocumentAsync($"/Applications/{application.Id}");

        Assert.Equal(application.RegistryNumber, page.Text("[data-testid=registry-number]"));
        Assert.Equal($"/Persons/{application.PersonId}", page.QuerySelector("[data-testid=person-link]")!.GetAttribute("href"));
        Assert.Equal("Mikko Öberg", page.Text("[data-testid=person-link]"));
        Assert.Equal("Awaiting documents", page.Text("[data-testid=stage]"));
        Assert.Equal("AwaitingDocuments", page.QuerySelector(".progress-stages")!.GetAttribute("data-stage"));
        var cells = page.QuerySelectorAll("[data-testid=steps] tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Copy of active external certificate", "Awaiting review", "–", "copy.pdf (v1)"], cells.Take(4));
        Assert.Equal("Maria Virtanen", cells[5]);
        Assert.Contains("Application registered by Maria Virtanen", page.Text("[data-testid=history]"));
        Assert.Contains("registered application", page.Text("[data-testid=event-log]"));
        Assert.Equal("Not given", page.Text("[data-testid=attestation]"));
    }

    [Fact]
    public async Task Get_AsAdministrator_OffersOnlyTheActionsOfTheStage()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await client.GetDocumentAsync($"/Applications/{application.Id}");

        var actions = page.QuerySelectorAll("[data-testid=actions] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Record the approval", "Cancel issuance"], actions);
        Assert.NotNull(page.QuerySelector("dialog#cancel-dialog form[action$='/Applications/CancelIssuance/" + application.Id + "']"));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Get_AsAnotherCaseRole_OffersNoAdministratorAction(string role)
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        var client = await app.SignInAsRoleAsync(role);
        var page = await client.GetDocumentAsync($"/Applications/{application.Id}");

        Assert.NotNull(page.QuerySelector("[data-testid=no-actions]"));
        Assert.Null(page.QuerySelector("dialog#cancel-dialog"));
    }

    [Fact]
    public async Task Get_IsRecordedInTheAuditTrail()
    {
        var application = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.Submitted);
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        await client.GetDocumentAsync($"/Applications/{application.Id}");

        await using var db = app.Db();
        var viewed = await db.AuditEvents.SingleAsync(e => e.ApplicationId == application.Id && e.Action == "application.viewed");
        Assert.Equal(("Aino Korhonen", application.PersonId), (viewed.ActorName, viewed.PersonId!.Value));
    }

    [Fact]
    public async Task Get_UnknownApplication_IsNotFound()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Get_AsSystemAdministrator_IsForbidden()
    {
        var application = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.Submitted);
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Applications/{application.Id}")).StatusCode);
    }
}
