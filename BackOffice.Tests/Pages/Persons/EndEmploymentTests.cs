using System.Net;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Persons;

/// <summary>An Administrator records the end of an employment on the person card; its certificates then say so, with a revocation to request.</summary>
public class EndEmploymentTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Helsinki).DateTime);

    private async Task<(BackOffice.Data.Domain.Applications.Application Application, BackOffice.Data.Domain.Certificates.Certificate Certificate, Guid EmploymentId)> PublicServantAsync(string lastName)
    {
        var (application, certificate) = await app.IssuedCertificateAsync(ReferenceData.PublicServantCertificate, lastName);
        await using var db = app.Db();
        var employment = await db.Employments.SingleAsync(e => e.PersonId == application.PersonId && e.OrganisationId == application.OrganisationId);
        return (application, certificate, employment.Id);
    }

    [Fact]
    public async Task AnAdministrator_EndsAnEmployment_TheCertificateSaysSo_AndLinksToAPrefilledRevocation()
    {
        var (application, certificate, employmentId) = await PublicServantAsync("Leaving");
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var card = await admin.GetDocumentAsync($"/Persons/{application.PersonId}");
        Assert.Null(card.QuerySelector("[data-testid=employment-ended]"));
        var link = card.QuerySelector("[data-testid=end-employment]")!.GetAttribute("href");
        Assert.Equal($"/Persons/{application.PersonId}/EndEmployment/{employmentId}", link);

        var ended = Today.AddDays(-2);
        var response = await admin.SubmitFormAsync(link!, new() { ["EndDate"] = ended.ToString("yyyy-MM-dd") }, "form[data-testid=end-employment-form]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        card = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("The end of the employment with", card.QuerySelector("main")!.TextContent);
        Assert.Equal($"Ended {ended:dd/MM/yyyy}", card.Text("[data-testid=employment-status]"));
        Assert.Null(card.QuerySelector("[data-testid=end-employment]"));
        var line = card.QuerySelector("[data-testid=employment-ended]")!;
        Assert.Contains($"ended on {ended:dd/MM/yyyy}", line.TextContent);
        var revoke = line.QuerySelector("[data-testid=revoke-ended]")!.GetAttribute("href");
        Assert.Equal($"/Revocations/New?serial={certificate.SerialNumber}&reason=AffiliationChanged", revoke);
        var form = await admin.GetDocumentAsync(revoke!);
        Assert.True(((IHtmlInputElement)form.QuerySelector("#reason-AffiliationChanged")!).IsChecked);
        // The ended-employment list has it too, and the event log says who recorded it.
        Assert.Contains(certificate.Number, (await admin.GetDocumentAsync("/Revocations/EndedEmployments")).QuerySelector("main")!.TextContent);
        await using var db = app.Db();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "person.employment-ended" && e.PersonId == application.PersonId);
        Assert.Equal((employmentId.ToString(), "Maria Virtanen"), (audit.EntityId, audit.ActorName));
        var events = await admin.GetDocumentAsync($"/Persons/{application.PersonId}/events");
        Assert.Contains($"Maria Virtanen recorded that the person's employment with", events.QuerySelector("main")!.TextContent);
        var views = await db.AuditEvents.Where(e => e.Action == "person.viewed" && e.PersonId == application.PersonId).Select(e => e.Details).ToListAsync();
        Assert.Contains(views, d => d.Contains("EndEmployment"));
    }

    [Theory]
    [InlineData("", "Give the date the employment ended.")]
    [InlineData("soon", "Give a date, for example 24.12.2026.")]
    [InlineData("before-start", "An employment cannot end before it started.")]
    [InlineData("far", "The end date may be at most a year ahead.")]
    public async Task BadInput_IsRefusedOnThePage_AndNothingIsStored(string kind, string message)
    {
        var (application, _, employmentId) = await PublicServantAsync("Staying");
        await using var db = app.Db();
        var start = (await db.Employments.SingleAsync(e => e.Id == employmentId)).StartDate;
        var value = kind switch
        {
            "before-start" => start.AddDays(-1).ToString("yyyy-MM-dd"),
            "far" => Today.AddDays(400).ToString("yyyy-MM-dd"),
            _ => kind,
        };
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await admin.SubmitFormAsync($"/Persons/{application.PersonId}/EndEmployment/{employmentId}", new() { ["EndDate"] = value },
            "form[data-testid=end-employment-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.Text("[data-testid=errors]"));
        Assert.Equal(value, ((IHtmlInputElement)page.QuerySelector("#EndDate")!).Value);
        Assert.Null((await db.Employments.AsNoTracking().SingleAsync(e => e.Id == employmentId)).EndDate);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "person.employment-ended" && e.PersonId == application.PersonId));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task OtherRoles_SeeNoLink_AndAre403(string role)
    {
        var (application, _, employmentId) = await PublicServantAsync("Other");
        var client = await app.SignInAsRoleAsync(role);

        Assert.Null((await client.GetDocumentAsync($"/Persons/{application.PersonId}")).QuerySelector("[data-testid=end-employment]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Persons/{application.PersonId}/EndEmployment/{employmentId}")).StatusCode);
    }
}
