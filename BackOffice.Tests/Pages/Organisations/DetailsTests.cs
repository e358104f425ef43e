using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Organisations;

/// <summary>An organisation's people and applications as links, for the case roles; its opening audited; System administrators refused.</summary>
public class DetailsTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task CaseRoles_SeeThePeopleAndApplicationsAsLinks_AndTheViewIsAudited(string role)
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments, "Öberg");
        var client = await app.SignInAsRoleAsync(role);

        var page = await client.GetDocumentAsync($"/Organisations/{application.OrganisationId}");

        var person = page.QuerySelector("[data-testid=people] a")!;
        Assert.Equal("Mikko Öberg", person.TextContent.Trim());
        Assert.Equal($"/Persons/{application.PersonId}", person.GetAttribute("href"));
        var link = page.QuerySelector("[data-testid=applications] a")!;
        Assert.Equal(application.RegistryNumber, link.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link.GetAttribute("href")!)).StatusCode);
        await using var db = app.Db();
        var key = application.OrganisationId.ToString();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.OrganisationViewed && e.EntityId == key));
    }

    [Fact]
    public async Task ThePersonCard_LinksToTheOrganisationsPage()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var card = await client.GetDocumentAsync($"/Persons/{application.PersonId}");
        Assert.Equal($"/Organisations/{application.OrganisationId}", card.QuerySelector("[data-testid=organisation-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ASystemAdministrator_IsRefused()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Organisations/{application.OrganisationId}")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownOrganisation_Is404()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Organisations/{Guid.NewGuid()}")).StatusCode);
    }
}
