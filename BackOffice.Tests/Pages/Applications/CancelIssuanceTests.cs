using System.Net;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Applications;

public class CancelIssuanceTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static string Url(Guid id) => $"/Applications/CancelIssuance/{id}";

    public static TheoryData<string, ApplicationStage> CancellableStages => new()
    {
        { ReferenceData.PublicServantCertificate, ApplicationStage.Submitted },
        { ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingDataVerification },
        { ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.ReturnedForCompletion },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingAttestation },
        { ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingInvoiceRecipient },
        { ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingSignature },
        { ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingFinalReview },
    };

    [Theory]
    [MemberData(nameof(CancellableStages))]
    public async Task Post_FromACancellableStage_CancelsTellsAndRecordsWhoDidIt(string type, ApplicationStage stage)
    {
        var application = await app.ApplicationAsync(type, stage);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync(Url(application.Id), []);

        Assert.True(HttpStatusCode.Redirect == response.StatusCode, (await response.ParseAsync()).QuerySelector("main")?.TextContent);
        Assert.Equal($"/Applications/{application.Id}", response.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync($"/Applications/{application.Id}");
        Assert.Equal("The issuance of the certificate was cancelled", page.Text("[data-testid=flash-message]"));
        Assert.Equal("Issuance application rejected", page.Text("[data-testid=stage]"));
        Assert.Contains("The issuance of the certificate was cancelled by Maria Virtanen", page.Text("[data-testid=history]"));
        Assert.Null(page.QuerySelector("[data-testid=cancel-issuance]"));

        var saved = await app.ReloadAsync(application.Id);
        Assert.Equal(ApplicationStage.Cancelled, saved.Stage);
        Assert.Equal(DecisionKind.Cancelled, Assert.Single(saved.Decisions).Kind);
        await using var db = app.Db();
        var mail = await db.OutboxMessages.SingleAsync(m => m.RegistryNumber == application.RegistryNumber && m.Template == MailTemplate.IssuanceCancelled);
        Assert.Equal(application.Person.Email, mail.ToAddress);
        var events = await db.AuditEvents.Where(e => e.ApplicationId == application.Id && e.Action == "application.stage-changed").ToListAsync();
        Assert.Contains(events, e => e.ActorName == "Maria Virtanen" && e.Details.Replace(" ", "").Contains("\"to\":\"Cancelled\""));
    }

    [Fact]
    public async Task Get_WhenIssued_SaysToRevokeInsteadAndOffersNoConfirm()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.Issued);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await client.GetDocumentAsync(Url(application.Id));
        Assert.Contains("Make a revocation request instead", page.Text("[data-testid=revoke-instead]"));
        Assert.Null(page.QuerySelector("[data-testid=confirm-cancel]"));
    }

    [Theory]
    [InlineData(ApplicationStage.Issued, "Make a revocation request instead")]
    [InlineData(ApplicationStage.Cancelled, "already closed")]
    [InlineData(ApplicationStage.Rejected, "already closed")]
    public async Task Post_WhenClosed_IsRefusedAndChangesNothing(ApplicationStage stage, string message)
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, stage);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var before = await app.ReloadAsync(application.Id);
        var response = await PostWithTokenAsync(client, application.Id, before.Version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ParseAsync()).Text("[data-testid=errors]"));
        var saved = await app.ReloadAsync(application.Id);
        Assert.Equal((stage, before.History.Count, before.Decisions.Count, before.Version), (saved.Stage, saved.History.Count, saved.Decisions.Count, saved.Version));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Post_AsACaseRoleOtherThanAdministrator_IsForbidden(string role)
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        var client = await app.SignInAsRoleAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url(application.Id))).StatusCode);
        var response = await PostWithTokenAsync(client, application.Id, application.Version);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApplicationStage.AwaitingApproval, (await app.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task Post_WhenTheApplicationChangedSinceOpened_ShowsWhatChangedAndDoesNotCancel()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var form = await ConfirmFormAsync(client, application.Id);

        await using (var db = app.Db())
        {
            var tracked = await db.Applications.Include(a => a.Person).Include(a => a.CertificateType).SingleAsync(a => a.Id == application.Id);
            tracked.RecordApproval(new(null, "Nikos Alexiou"), app.Clock.GetUtcNow(), "Approved by phone");
            await db.SaveChangesAsync();
        }
        var response = await client.SubmitAsync(form, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conflict = (await response.ParseAsync()).Text("[data-testid=conflict]");
        Assert.Contains("Nikos Alexiou changed this at", conflict);
        Assert.Contains("Awaiting signature of the application", conflict);
        var saved = await app.ReloadAsync(application.Id);
        Assert.Equal(ApplicationStage.AwaitingSignature, saved.Stage);
        Assert.Empty(saved.Decisions);
    }

    [Fact]
    public async Task Post_TwoAdministratorsConfirmingAtOnce_ExactlyOneCancelsAndTheOtherIsToldWhatHappened()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingSignature);
        var maria = await app.SignInAsync("admin@test.example");
        var nikos = await app.SignInAsync("admin2@test.example");
        var forms = new[] { await ConfirmFormAsync(maria, application.Id), await ConfirmFormAsync(nikos, application.Id) };

        var responses = await Task.WhenAll(maria.SubmitAsync(forms[0], []), nikos.SubmitAsync(forms[1], []));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var conflict = (await loser.ParseAsync()).Text("[data-testid=conflict]");
        Assert.Contains("changed this at", conflict);
        Assert.Contains("Issuance application rejected", conflict);
        var saved = await app.ReloadAsync(application.Id);
        Assert.Single(saved.Decisions);
        Assert.Single(saved.History, h => h.Kind == HistoryKind.IssuanceCancelled);
        await using var db = app.Db();
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.RegistryNumber == application.RegistryNumber && m.Template == MailTemplate.IssuanceCancelled));
    }

    private static async Task<IHtmlFormElement> ConfirmFormAsync(HttpClient client, Guid id)
    {
        var page = await client.GetDocumentAsync(Url(id));
        return (page.QuerySelector("main form[action*='CancelIssuance']") as IHtmlFormElement) ?? throw new InvalidOperationException("No confirm form");
    }

    /// <summary>A post with a valid antiforgery token (taken from the start page's language form), as a forged or stale form would be.</summary>
    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, Guid id, uint version)
    {
        var home = await client.GetDocumentAsync("/");
        var token = ((IHtmlInputElement)home.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        return await client.PostAsync(Url(id), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
    }
}
