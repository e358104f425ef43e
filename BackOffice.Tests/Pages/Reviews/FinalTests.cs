using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Reviews;

/// <summary>The final review: checklist, four eyes, Issue (certificate fields) and Refuse (with a reason).</summary>
public partial class FinalTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    /// <summary>The answer to "Issue the certificate?" (the page asks before it issues).</summary>
    private static Dictionary<string, string> Confirmed => new() { ["Confirmed"] = "true" };

    /// <summary>An F-gas application at final review: registered by admin@, its step approved by reviewer@ (Johan Lindqvist).</summary>
    private Task<Application> AtFinalReviewAsync(BackOffice.Data.Domain.Persons.Person? person = null, string type = ReferenceData.ExternalFgasCertificate) =>
        app.ApplicationByStaffAsync(type, ApplicationStage.AwaitingFinalReview, person);

    [Fact]
    public async Task Get_ShowsTheChecklist_AllMet()
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsync("reviewer2@test.example");

        var page = await client.GetDocumentAsync($"/Reviews/Final/{application.Id}");

        var items = page.QuerySelectorAll("[data-testid=checklist] li").Select(li => (li.GetAttribute("data-item"), li.GetAttribute("data-met"))).ToList();
        Assert.Equal([("Error.StepsNotApproved", "true"), ("Error.AttestationMissing", "true"), ("Error.InvoiceRecipientMissing", "true"), ("Error.NotEligible", "true")], items);
        Assert.NotNull(page.QuerySelector("#issue"));
    }

    [Fact]
    public async Task Get_ShowsTheDocumentsWithWhoApprovedThem_AndTheAttestation()
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsync("reviewer2@test.example");

        var page = await client.GetDocumentAsync($"/Reviews/Final/{application.Id}");

        var documents = page.QuerySelector("[data-testid=final-documents]")!;
        Assert.Equal(application.Steps.Count, documents.QuerySelectorAll("li").Length);
        Assert.All(documents.QuerySelectorAll("li"), li => Assert.Contains("Approved", li.QuerySelector("[data-status]")!.TextContent));
        Assert.StartsWith("Approved by Johan Lindqvist at ", documents.Text("[data-testid=approved-by]"));
        Assert.EndsWith("?download=true", documents.QuerySelector("[data-testid=final-document-link]")!.GetAttribute("href"));
        Assert.StartsWith("Given ", page.Text("[data-testid=attestation]"));
    }

    [Fact]
    public async Task Post_IssueWithoutConfirming_AsksFirst_IssuesNothing_ThenTheAnswerIssues()
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsync("reviewer2@test.example");

        var asked = await client.SubmitFormAsync($"/Reviews/Final/{application.Id}", [], "main form", "#issue");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = await asked.ParseAsync();
        Assert.Contains("Issue the certificate?", page.Text("[data-testid=confirm-issue]"));
        await using (var db = app.Db())
            Assert.False(await db.Certificates.AnyAsync(c => c.ApplicationId == application.Id));

        var confirmed = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("[data-testid=confirm-issue] form")!, [], "[data-testid=confirm-issue-button]");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using (var db = app.Db())
            Assert.True(await db.Certificates.AnyAsync(c => c.ApplicationId == application.Id));
    }

    [Fact]
    public async Task Post_Issue_IssuesTheCertificate_WithNumberSerialDatesAndDecision_AndQueuesTheMail()
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsync("reviewer2@test.example");

        var response = await client.SubmitFormAsync($"/Reviews/Final/{application.Id}", Confirmed, "main form", "#issue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var certificate = await db.Certificates.SingleAsync(c => c.ApplicationId == application.Id);
        var now = app.Clock.GetUtcNow();
        Assert.Matches(CertificateNumber(), certificate.Number);
        Assert.Matches(Serial(), certificate.SerialNumber);
        Assert.Equal((CertificateStatus.Active, now, now.AddMonths(60)), (certificate.Status, certificate.IssuedAt, certificate.ValidUntil));
        var reloaded = await db.ReloadAsync(application.Id);
        Assert.Equal(ApplicationStage.Issued, reloaded.Stage);
        var decision = Assert.Single(reloaded.Decisions);
        Assert.Equal((DecisionKind.Issued, "Eleni Georgiou", now), (decision.Kind, decision.DecidedByName, decision.DecidedAt));
        Assert.Single(await db.OutboxMessages.Where(m => m.RegistryNumber == application.RegistryNumber && m.Template == MailTemplate.CertificateIssued).ToListAsync());
        var page = await client.GetDocumentAsync($"/Reviews/Final/{application.Id}");
        Assert.Equal(certificate.Number, page.Text("[data-testid=certificate-number]"));
        Assert.Equal(certificate.SerialNumber, page.Text("[data-testid=serial-number]"));
    }

    [Fact]
    public async Task Post_Issue_TwoCertificates_GetDifferentNumbersAndSerials()
    {
        var client = await app.SignInAsync("reviewer2@test.example");
        var first = await AtFinalReviewAsync();
        var second = await AtFinalReviewAsync();
        await client.SubmitFormAsync($"/Reviews/Final/{first.Id}", Confirmed, "main form", "#issue");
        await client.SubmitFormAsync($"/Reviews/Final/{second.Id}", Confirmed, "main form", "#issue");

        await using var db = app.Db();
        var certificates = await db.Certificates.Where(c => c.ApplicationId == first.Id || c.ApplicationId == second.Id).ToListAsync();
        Assert.Equal(2, certificates.Select(c => c.Number).Distinct().Count());
        Assert.Equal(2, certificates.Select(c => c.SerialNumber).Distinct().Count());
    }

    [Fact]
    public async Task Post_Issue_RacedForTheSameApplications_OneWinsEach_AndCertificateNumbersHaveNoGap()
    {
        var client = await app.SignInAsync("reviewer2@test.example");
        var applications = new[] { await AtFinalReviewAsync(), await AtFinalReviewAsync(), await AtFinalReviewAsync() };
        // Every form is read before any post: a post that loads the application before the winner commits passes every check
        // and takes a number before it loses on the version.
        var forms = new List<(Guid Application, IHtmlFormElement Form)>();
        foreach (var application in applications)
            for (var i = 0; i < 4; i++)
                forms.Add((application.Id, (await client.GetDocumentAsync($"/Reviews/Final/{application.Id}")).QuerySelector<IHtmlFormElement>("main form")!));

        var responses = await Task.WhenAll(forms.Select(async f => (f.Application, (await client.SubmitAsync(f.Form, Confirmed, "#issue")).StatusCode)));
        // A later issue would take the number after a lost one: a gap shows between the raced numbers and this one.
        var after = await AtFinalReviewAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Reviews/Final/{after.Id}", Confirmed, "main form", "#issue")).StatusCode);

        foreach (var application in applications)
        {
            var statuses = responses.Where(r => r.Application == application.Id).Select(r => r.StatusCode).ToList();
            Assert.Single(statuses, HttpStatusCode.Redirect);
            Assert.All(statuses.Where(s => s != HttpStatusCode.Redirect), s => Assert.Equal(HttpStatusCode.OK, s));
        }
        await using var db = app.Db();
        var certificates = await db.Certificates.AsNoTracking().Select(c => new { c.ApplicationId, c.Number }).ToListAsync();
        Assert.All(applications.Append(after), a => Assert.Single(certificates, c => c.ApplicationId == a.Id));
        var numbers = certificates.Select(c => long.Parse(c.Number[^7..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(n => (long)n), numbers);
    }

    [Fact]
    public async Task Get_WhenTheReviewerApprovedAStep_SaysWhyTheyMayNot_AndPostIsRefused()
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsync("reviewer@test.example");

        var page = await client.GetDocumentAsync($"/Reviews/Final/{application.Id}");
        Assert.Equal("You approved a document step of this application, so another reviewer must do its final review.", page.Text("[data-testid=four-eyes]"));
        Assert.Null(page.QuerySelector("#issue"));

        // The form is not offered, but the server refuses the post too.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync($"/Reviews/Final/{application.Id}?handler=Issue", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Confirmed", "true")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("another reviewer must do its final review", (await response.ParseAsync()).Text("[data-testid=errors]"));
        await using var db = app.Db();
        Assert.False(await db.Certificates.AnyAsync(c => c.ApplicationId == application.Id));
        Assert.Equal(ApplicationStage.AwaitingFinalReview, (await db.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task Post_WhenTheReviewerRegisteredTheApplication_IsRefused()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.CitizenCertificate, ApplicationStage.AwaitingFinalReview, registeredBy: "reviewer2@test.example");
        var client = await app.SignInAsync("reviewer2@test.example");

        var page = await client.GetDocumentAsync($"/Reviews/Final/{application.Id}");

        Assert.Equal("You registered this application, so another reviewer must do its final review.", page.Text("[data-testid=four-eyes]"));
    }

    [Fact]
    public async Task Post_WhenConfigurationAllowsTheSameReviewer_Issues()
    {
        var application = await AtFinalReviewAsync();
        using var relaxed = app.WithWebHostBuilder(b => b.UseSetting("Review:AllowSameReviewer", "true"));
        var client = await relaxed.SignedInClientAsync("reviewer@test.example");

        var response = await client.SubmitFormAsync($"/Reviews/Final/{application.Id}", Confirmed, "main form", "#issue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        Assert.True(await db.Certificates.AnyAsync(c => c.ApplicationId == application.Id));
    }

    [Fact]
    public async Task Post_Issue_WhenThePersonIsNotEligible_ShowsTheUnmetItem_AndIssuesNothing()
    {
        // Seed 001: a foreign national without a Finnish home municipality or residence permit may not hold the citizen certificate.
        var person = new BackOffice.Data.Domain.Persons.Person("Nikolaos", "Papadakis", new DateOnly(1975, 1, 2), null, "GR", null, "np@example.test", null, "en");
        var application = await AtFinalReviewAsync(person, ReferenceData.CitizenCertificate);
        var client = await app.SignInAsync("reviewer2@test.example");

        var page = await client.GetDocumentAsync($"/Reviews/Final/{application.Id}");
        Assert.Equal("false", page.QuerySelector("[data-item='Error.NotEligible']")!.GetAttribute("data-met"));
        var response = await client.SubmitFormAsync($"/Reviews/Final/{application.Id}", Confirmed, "main form", "#issue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("does not meet the eligibility rule", (await response.ParseAsync()).Text("[data-testid=errors]"));
        await using var db = app.Db();
        Assert.False(await db.Certificates.AnyAsync(c => c.ApplicationId == application.Id));
    }

    [Fact]
    public async Task Post_Issue_ForAForeignNationalWithResidence_Issues()
    {
        var person = new BackOffice.Data.Domain.Persons.Person("Ελένη", "Παππά", new DateOnly(1985, 3, 4), null, "GR", "Espoo", "ep@example.test", null, "en");
        person.SetResidence(new DateOnly(2028, 1, 1), false);
        var application = await AtFinalReviewAsync(person, ReferenceData.CitizenCertificate);
        var client = await app.SignInAsync("reviewer2@test.example");

        var response = await client.SubmitFormAsync($"/Reviews/Final/{application.Id}", Confirmed, "main form", "#issue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        Assert.Equal(app.Clock.GetUtcNow().AddMonths(60), (await db.Certificates.SingleAsync(c => c.ApplicationId == application.Id)).ValidUntil);
    }

    [Fact]
    public async Task Post_RefuseWithoutAReason_ShowsAMessage_AndChangesNothing()
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsync("reviewer2@test.example");

        var response = await client.SubmitFormAsync($"/Reviews/Final/{application.Id}", new() { ["Reason"] = "" }, "main form", "#refuse");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Write a reason the applicant can read.", (await response.ParseAsync()).Text("main"));
        await using var db = app.Db();
        Assert.Equal(ApplicationStage.AwaitingFinalReview, (await db.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task Post_Refuse_RecordsTheDecisionWithTheReason_AndQueuesTheMail()
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsync("reviewer2@test.example");

        var response = await client.SubmitFormAsync($"/Reviews/Final/{application.Id}", new() { ["Reason"] = "The external certificate has expired." }, "main form", "#refuse");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Db();
        var reloaded = await db.ReloadAsync(application.Id);
        Assert.Equal(ApplicationStage.Rejected, reloaded.Stage);
        var decision = Assert.Single(reloaded.Decisions);
        Assert.Equal((DecisionKind.Refused, "The external certificate has expired.", "Eleni Georgiou"), (decision.Kind, decision.Reason, decision.DecidedByName));
        Assert.Single(await db.OutboxMessages.Where(m => m.RegistryNumber == application.RegistryNumber && m.Template == MailTemplate.ApplicationRefused).ToListAsync());
        Assert.False(await db.Certificates.AnyAsync(c => c.ApplicationId == application.Id));
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task Get_ForRolesThatDoNotReview_Is403(string role)
    {
        var application = await AtFinalReviewAsync();
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Reviews/Final/{application.Id}")).StatusCode);
    }

    [GeneratedRegex(@"^C-2026-\d{7}$")]
    private static partial Regex CertificateNumber();

    [GeneratedRegex("^[0-9A-F]{32}$")]
    private static partial Regex Serial();
}
