using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Revocations;

/// <summary>Active certificates whose holder's employment with the certificate's organisation has ended, each with a prefilled revocation.</summary>
public class EndedEmploymentsTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private const string Url = "/Revocations/EndedEmployments";

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki")).DateTime);

    private async Task EndEmploymentAsync(Application application, DateOnly endDate)
    {
        await using var db = app.Db();
        var person = await db.Persons.Include(p => p.Employments).ThenInclude(e => e.Organisation).SingleAsync(p => p.Id == application.PersonId);
        person.EndEmployment(application.OrganisationId!.Value, endDate, Today, await app.StaffAsync("admin@test.example"), app.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private static bool Lists(IHtmlDocument page, Certificate certificate) =>
        page.QuerySelectorAll("[data-testid=ended]").Any(r => r.GetAttribute("data-certificate") == certificate.Number);

    [Fact]
    public async Task AHolderWhoLeft_IsListed_WithARevocationPrefilledAsAffiliationChanged()
    {
        var (application, certificate) = await app.IssuedCertificateAsync(ReferenceData.PublicServantCertificate, "Leaver");
        await EndEmploymentAsync(application, Today.AddDays(-3));
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await admin.GetDocumentAsync(Url);

        var row = page.QuerySelectorAll("[data-testid=ended]").Single(r => r.GetAttribute("data-certificate") == certificate.Number);
        Assert.Contains("Mikko Leaver", row.TextContent);
        Assert.Contains("Helsingin kaupunki", row.TextContent);
        var form = await admin.GetDocumentAsync(row.QuerySelector("[data-testid=revoke]")!.GetAttribute("href")!);
        Assert.Equal(certificate.Number, form.Text("[data-testid=certificate-number]"));
        Assert.Equal(nameof(RevocationReason.AffiliationChanged), form.QuerySelector<IHtmlInputElement>("input[name=Reason]:checked")!.Value);

        await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"), reason: RevocationReason.AffiliationChanged);
        Assert.False(Lists(await admin.GetDocumentAsync(Url), certificate), "a certificate with a revocation request is no longer forgotten");
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "person.employment-ended" && e.PersonId == application.PersonId));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "revocation.ended-employments-viewed"));
    }

    [Fact]
    public async Task OnlyEmploymentBoundTypes_WhoseEmploymentHasEndedByToday_AndNotResumed_AreListed()
    {
        var (serviceApp, service) = await app.IssuedCertificateAsync(ReferenceData.ServiceCertificate, "ServiceLeaver");
        await EndEmploymentAsync(serviceApp, Today);
        var (citizenApp, citizen) = await app.IssuedCertificateAsync(ReferenceData.CitizenCertificate, "CitizenLeaver");
        await EndEmploymentAsync(citizenApp, Today.AddDays(-10));
        var (futureApp, future) = await app.IssuedCertificateAsync(ReferenceData.PublicServantCertificate, "LeavesNextWeek");
        await EndEmploymentAsync(futureApp, Today.AddDays(7));
        var (rehiredApp, rehired) = await app.IssuedCertificateAsync(ReferenceData.PublicServantCertificate, "Rehired");
        await EndEmploymentAsync(rehiredApp, Today.AddDays(-30));
        await using (var db = app.Db())
        {
            var person = await db.Persons.Include(p => p.Employments).SingleAsync(p => p.Id == rehiredApp.PersonId);
            var organisation = await db.Organisations.SingleAsync(o => o.Id == rehiredApp.OrganisationId);
            person.RequestEmployment(organisation, Today.AddDays(-5), app.Clock.GetUtcNow()).Confirm(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var (_, stillEmployed) = await app.IssuedCertificateAsync(ReferenceData.PublicServantCertificate, "Employed");
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await admin.GetDocumentAsync(Url);

        Assert.True(Lists(page, service));
        Assert.False(Lists(page, citizen), "a citizen certificate does not stand for an employment");
        Assert.False(Lists(page, future), "the employment has not ended yet");
        Assert.False(Lists(page, rehired), "the holder works there again");
        Assert.False(Lists(page, stillEmployed));

        app.Clock.Advance(TimeSpan.FromDays(8));
        admin = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.True(Lists(await admin.GetDocumentAsync(Url), future));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task OtherRoles_Get403(string role)
    {
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url)).StatusCode);
    }
}
