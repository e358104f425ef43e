using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Applications;

public class RegisterTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private async Task<(Guid PersonId, Guid OrganisationId, Guid TypeId)> PersonAsync(string typeCode)
    {
        var existing = await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.Submitted);
        await using var db = app.Db();
        var type = await db.CertificateTypes.SingleAsync(t => t.Code == typeCode);
        return (existing.PersonId, existing.OrganisationId!.Value, type.Id);
    }

    [Fact]
    public async Task Get_ShowsEachTypesEligibilityRule()
    {
        var (personId, _, _) = await PersonAsync(ReferenceData.CitizenCertificate);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await client.GetDocumentAsync($"/Applications/Register?personId={personId}");

        Assert.StartsWith("A Finnish citizen, or a foreign national", page.Text("[data-testid=rule-citizen]"));
        Assert.Equal("A confirmed employment with the organisation named in the application.", page.Text("[data-testid=rule-public-servant]"));
    }

    [Fact]
    public async Task Post_RegistersTheApplicationAndOpensIt()
    {
        var (personId, organisationId, typeId) = await PersonAsync(ReferenceData.PublicServantCertificate);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Applications/Register?personId={personId}",
            new() { ["CertificateTypeId"] = typeId.ToString(), ["OrganisationId"] = organisationId.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var created = await db.Applications.SingleAsync(a => a.PersonId == personId && a.CertificateTypeId == typeId);
        Assert.Equal((ApplicationStage.Submitted, organisationId, "Maria Virtanen"), (created.Stage, created.OrganisationId!.Value, created.CreatedByName));
        Assert.Matches(@"^BO/2026/\d{6}$", created.RegistryNumber);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal($"The application {created.RegistryNumber} was registered.", page.Text("[data-testid=flash-message]"));
    }

    [Fact]
    public async Task Post_PublicServantCertificateWithoutOrganisation_SaysItIsNeeded()
    {
        var (personId, _, typeId) = await PersonAsync(ReferenceData.PublicServantCertificate);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Applications/Register?personId={personId}",
            new() { ["CertificateTypeId"] = typeId.ToString(), ["OrganisationId"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("needs the organisation the person works for", (await response.ParseAsync()).Text("[data-testid=errors]"));
        await using var db = app.Db();
        Assert.False(await db.Applications.AnyAsync(a => a.PersonId == personId && a.CertificateTypeId == typeId));
    }

    [Fact]
    public async Task Post_AnOrganisationThePersonDoesNotWorkFor_IsRefused()
    {
        var (personId, _, typeId) = await PersonAsync(ReferenceData.ServiceCertificate);
        var (_, otherOrganisation, _) = await PersonAsync(ReferenceData.ServiceCertificate);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Applications/Register?personId={personId}",
            new() { ["CertificateTypeId"] = typeId.ToString(), ["OrganisationId"] = otherOrganisation.ToString() });

        Assert.Contains("has no employment with that organisation", (await response.ParseAsync()).Text("[data-testid=errors]"));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Get_AsAnotherCaseRole_IsForbidden(string role)
    {
        var (personId, _, _) = await PersonAsync(ReferenceData.ServiceCertificate);
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Applications/Register?personId={personId}")).StatusCode);
    }
}
