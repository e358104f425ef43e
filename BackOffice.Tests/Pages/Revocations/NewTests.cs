using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Data.Domain;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Revocations;

/// <summary>The revocation form over HTTP, as a browser without JavaScript posts it: form → confirmation step → binding request.</summary>
public class NewTests(RevocationFactory app) : IClassFixture<RevocationFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        _ = app.Server;
        app.Authority.Reset();
        await app.ResetMailAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Url(Certificate c) => $"/Revocations/New?serial={c.SerialNumber}";

    /// <summary>Fills the form and posts it (the no-JavaScript path: Send leads to the confirmation step).</summary>
    private static Task<HttpResponseMessage> ReviewAsync(HttpClient client, Certificate c, Dictionary<string, string> values) =>
        client.SubmitFormAsync(Url(c), values, "form[data-testid=revocation-form]");

    private static Dictionary<string, string> Valid(Certificate c, string reason = nameof(RevocationReason.KeyCompromise), string sendAt = "") => new()
    {
        ["Reason"] = reason,
        ["TypedSerial"] = string.Join(":", c.SerialNumber.Chunk(2).Select(p => new string(p))).ToLowerInvariant(),
        ["SendAt"] = sendAt,
        ["Note"] = "The holder's laptop was stolen",
    };

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, HttpResponseMessage confirmation)
    {
        var page = await confirmation.ParseAsync();
        var form = page.QuerySelector<IHtmlFormElement>("[data-testid=confirmation] form")
            ?? throw new InvalidOperationException("No confirmation step: " + page.QuerySelector("main")?.TextContent);
        return await client.SubmitAsync(form, [], "[data-testid=confirm-send]");
    }

    private async Task<int> RequestCountAsync(Guid certificateId)
    {
        await using var db = app.Db();
        return await db.RevocationRequests.CountAsync(r => r.CertificateId == certificateId);
    }

    [Fact]
    public async Task TheWholeFlow_FormConfirmSenderRevokedFeedAndTheHoldersMail()
    {
        var (application, certificate) = await app.IssuedCertificateAsync(lastName: "Virtanen-Flow");
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var form = await admin.GetDocumentAsync(Url(certificate));
        Assert.Equal(certificate.Number, form.Text("[data-testid=certificate-number]"));
        Assert.Equal(certificate.SerialNumber, form.Text("[data-testid=serial]"));
        Assert.Equal(6, form.QuerySelectorAll("input[name=Reason]").Length);
        Assert.Contains("The private key may have been lost", form.QuerySelector("main")!.TextContent);

        var confirmation = await ReviewAsync(admin, certificate, Valid(certificate));
        var step = await confirmation.ParseAsync();
        Assert.Contains("binding once sent", step.Text("[data-testid=confirmation]"));
        Assert.Contains("will be revoked within 24 hours, by 03/11/2026 11:00", step.Text("[data-testid=confirm-limit]")); // 09:00 UTC + 24 h, in Helsinki
        Assert.Equal(0, await RequestCountAsync(certificate.Id)); // nothing is saved before the confirmation

        var sent = await ConfirmAsync(admin, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var details = await admin.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("The revocation request was sent", details.QuerySelector("main")!.TextContent);
        Assert.Equal("Being sent", details.Text("[data-testid=phase]"));
        Assert.Null(details.QuerySelector("[data-testid=withdraw]")); // binding: sent now
        var card = await admin.GetDocumentAsync($"/Persons/{application.PersonId}");
        Assert.Contains("Revocation requested", card.Text("[data-testid=certificates]"));
        Assert.Contains($"Revocation of certificate {certificate.Number} requested by Maria Virtanen",
            (await admin.GetDocumentAsync($"/Persons/{application.PersonId}/history")).Text("[data-testid=history]"));

        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Revoked);
        var revoked = await admin.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Equal("Revoked", revoked.Text("[data-testid=phase]"));
        Assert.Equal("Revoked in time", revoked.Text("[data-testid=limit-state]"));
        Assert.Contains("Revoked", (await admin.GetDocumentAsync($"/Applications/{application.Id}")).Text("[data-testid=certificate-revocation]"));
        Assert.Contains($"{certificate.SerialNumber},1,", await app.KeyClient(RevocationFactory.AuthorityKey).GetStringAsync("/Revocations/Revoked?format=csv"));

        await app.Sender().ProcessBatchAsync();
        var mails = app.Smtp.Messages().Where(m => m.To.Mailboxes.Single().Address == application.Person.Email && (m.Subject ?? "").Contains(certificate.Number)).OrderBy(m => m.Subject).ToList();
        Assert.Equal([$"Hakemus {application.RegistryNumber}: varmenne {certificate.Number} on suljettu",
                      $"Hakemus {application.RegistryNumber}: varmenteen {certificate.Number} sulkemista on pyydetty"], mails.Select(m => m.Subject));
    }

    [Theory]
    [InlineData("TypedSerial", "0123", "The serial number you typed is not this certificate's")]
    [InlineData("TypedSerial", "", "Type the certificate's serial number")]
    [InlineData("Reason", "", "Choose the reason for the revocation")]
    [InlineData("Reason", "CaCompromise", "Choose one of the reasons listed")]
    [InlineData("Reason", "7", "Choose the reason for the revocation")]
    [InlineData("SendAt", "2026-11-02T10:59", "The send time must be in the future")]
    [InlineData("SendAt", "2027-11-03T12:00", "The send time can be at most a year from now")]
    [InlineData("SendAt", "tomorrow", "Give the send time as a date and a time")]
    [InlineData("SendAt", "2027-03-28T03:30", "That time does not exist in the office's time zone")]
    public async Task BadInput_IsRefusedOnThePage_KeepsWhatWasTyped_AndStoresNothing(string field, string value, string message)
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var values = Valid(certificate);
        values[field] = value;

        var response = await ReviewAsync(admin, certificate, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.Text("[data-testid=errors]"));
        Assert.Null(page.QuerySelector("[data-testid=confirmation]"));
        Assert.Equal("The holder's laptop was stolen", page.QuerySelector<IHtmlTextAreaElement>("#Note")!.Value);
        Assert.Equal(0, await RequestCountAsync(certificate.Id));
        Assert.Equal(CertificateStatus.Active, (await app.ReloadCertificateAsync(certificate.Id)).Status);
    }

    [Fact]
    public async Task SendWithoutTheConfirmation_ShowsTheConfirmationStep_AndStoresNothing()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await admin.GetDocumentAsync(Url(certificate));
        var form = page.QuerySelector<IHtmlFormElement>("[data-testid=revocation-form]")!;
        form.Action = "/Revocations/New?handler=send";

        var response = await admin.SubmitAsync(form, Valid(certificate));

        Assert.NotNull((await response.ParseAsync()).QuerySelector("[data-testid=confirmation]"));
        Assert.Equal(0, await RequestCountAsync(certificate.Id));
    }

    [Fact]
    public async Task ASecondRequest_IsRefused_NamingTheOpenOne()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var admin2 = await app.SignInAsync("admin2@test.example");
        var first = await ConfirmAsync(admin2, await ReviewAsync(admin2, certificate, Valid(certificate, sendAt: "2026-11-05T12:00")));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await admin.GetDocumentAsync(Url(certificate));

        Assert.Contains("already has an open revocation request, made by Nikos Alexiou on", page.Text("[data-testid=refusal]"));
        Assert.Equal(first.Headers.Location!.OriginalString, page.QuerySelector("[data-testid=open-request]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("[data-testid=revocation-form]"));
        Assert.Equal(1, await RequestCountAsync(certificate.Id));
    }

    [Fact]
    public async Task AFormOpenedBeforeAnotherAdministratorsRequest_IsRefusedAtTheConfirmation_NamingTheirs()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var confirmation = await ReviewAsync(admin, certificate, Valid(certificate));
        await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin2@test.example"));

        var response = await ConfirmAsync(admin, confirmation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("made by Nikos Alexiou", (await response.ParseAsync()).Text("[data-testid=refusal]"));
        Assert.Equal(1, await RequestCountAsync(certificate.Id));
    }

    [Fact]
    public async Task TwoAdministratorsSendingAtOnce_LeaveExactlyOneRequest()
    {
        for (var round = 0; round < 3; round++)
        {
            var (application, certificate) = await app.IssuedCertificateAsync(lastName: $"Race{round}");
            var clients = new[] { await app.SignInAsRoleAsync(Roles.Administrator), await app.SignInAsync("admin2@test.example"),
                                  await app.SignInAsRoleAsync(Roles.Administrator), await app.SignInAsync("admin2@test.example") };
            var confirmations = await Task.WhenAll(clients.Select(c => ReviewAsync(c, certificate, Valid(certificate))));

            var results = await Task.WhenAll(clients.Select((c, i) => ConfirmAsync(c, confirmations[i])));

            var won = Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
            Assert.Equal(1, await RequestCountAsync(certificate.Id));
            await using var db = app.Db();
            var winner = await db.RevocationRequests.SingleAsync(r => r.CertificateId == certificate.Id);
            Assert.Equal($"/Revocations/{winner.Id}", won.Headers.Location!.OriginalString);
            foreach (var refused in results.Where(r => r != won))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // a refusal on the page, never a 500
                var page = await refused.ParseAsync();
                Assert.True(page.QuerySelector("[data-testid=refusal]") is not null, $"{(int)refused.StatusCode}: {page.QuerySelector("[data-testid=errors]")?.TextContent} {page.QuerySelector("[data-testid=confirmation]")?.TextContent}");
                // It names the one that won: who made it, and a link to it.
                Assert.Contains($"already has an open revocation request, made by {winner.RequestedByName} on", page.Text("[data-testid=refusal]"));
                Assert.Equal($"/Revocations/{winner.Id}", page.QuerySelector("[data-testid=open-request]")!.GetAttribute("href"));
            }
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "revocation.requested" && e.ApplicationId == application.Id));
        }
    }

    [Fact]
    public async Task TheUniqueIndex_RefusesASecondOpenRequest_ThatTheModelsCheckMissed_NamingTheOpenOne_AndStoresNothing()
    {
        var (application, certificate) = await app.IssuedCertificateAsync(lastName: "Index");
        var first = await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin2@test.example"), sendAt: app.Clock.GetUtcNow().AddDays(1));
        Assert.True(first.Succeeded);
        // A path that missed the open request (the certificate reads as active): only the partial unique index stands in the way.
        await using var db = app.Db();
        await db.Database.ExecuteSqlAsync($"UPDATE certificates SET status = 'Active' WHERE id = {certificate.Id}");
        var events = await db.AuditEvents.CountAsync(e => e.ApplicationId == application.Id);

        var second = await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"));

        Assert.Equal((ChangeResult.Refused, first.RequestId, ErrorCodes.RevocationAlreadyOpen), (second.Result, second.RequestId, second.Error!.Code));
        Assert.Equal(1, await RequestCountAsync(certificate.Id));
        Assert.Equal(events, await db.AuditEvents.CountAsync(e => e.ApplicationId == application.Id));
        Assert.Equal(CertificateStatus.Active, (await app.ReloadCertificateAsync(certificate.Id)).Status); // the refused change rolled back whole
    }

    [Fact]
    public async Task AFormOpenedBeforeTheCertificatesValidityEnded_IsRefusedAtTheConfirmation_SayingWhen_AndStoresNothing()
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Expiring");
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var form = await admin.GetDocumentAsync(Url(certificate));
        Assert.NotNull(form.QuerySelector("[data-testid=revocation-form]"));
        var validUntil = app.Clock.GetUtcNow(); // its validity ends now: at that moment it is no longer active
        await using (var db = app.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE certificates SET valid_until = {validUntil} WHERE id = {certificate.Id}");

        var review = await admin.SubmitAsync(form.QuerySelector<IHtmlFormElement>("form[data-testid=revocation-form]")!, Valid(certificate), "[data-testid=send]");

        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var page = await review.ParseAsync();
        var ended = TimeZoneInfo.ConvertTime(validUntil, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"));
        Assert.Contains($"The certificate's validity ended on {ended:dd/MM/yyyy}: only a valid certificate can be revoked.", page.Text("[data-testid=refusal]"));
        Assert.Null(page.QuerySelector("[data-testid=confirmation]"));
        Assert.Equal(0, await RequestCountAsync(certificate.Id));
        Assert.Equal(CertificateStatus.Active, (await app.ReloadCertificateAsync(certificate.Id)).Status);
    }

    [Fact]
    public async Task ASendTimeInTheRepeatedAutumnHour_IsItsFirstOccurrence_AndTheLimitIs24RealHours()
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Autumn");
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        // 31 October 2027, last Sunday of October: Helsinki's clocks go from 04:00 EEST back to 03:00 EET, so 03:30 happens twice.
        var year = app.Clock.GetUtcNow().Year + 1;
        var changeDay = Enumerable.Range(25, 7).Select(d => new DateOnly(year, 10, d)).Single(d => d.DayOfWeek == DayOfWeek.Sunday);
        var review = await ReviewAsync(admin, certificate, Valid(certificate, sendAt: $"{changeDay:yyyy-MM-dd}T03:30"));

        var step = await review.ParseAsync();
        Assert.Contains($"It is sent on {changeDay:dd/MM/yyyy} 03:30", step.Text("[data-testid=confirm-limit]"));
        var sent = await ConfirmAsync(admin, review);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using var db = app.Db();
        var request = await db.RevocationRequests.SingleAsync(r => r.CertificateId == certificate.Id);
        var firstOccurrence = new DateTimeOffset(changeDay.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero); // 03:30 EEST (+3)
        Assert.Equal((firstOccurrence, firstOccurrence.AddHours(24)), (request.SendAt!.Value, request.RevokeBy!.Value));
        // 24 real hours across the change: by 02:30 the next day on the office's clock, not 03:30.
        Assert.Contains($"by {changeDay.AddDays(1):dd/MM/yyyy} 02:30", step.Text("[data-testid=confirm-limit]"));
    }

    [Fact]
    public async Task ACertificateNotActive_GetsNoForm_AndAPostIsRefused()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin2@test.example"));
        await app.RevocationSender().ProcessBatchAsync();
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await admin.GetDocumentAsync(Url(certificate));

        Assert.Contains("The certificate's status is “Revoked”", page.Text("[data-testid=refusal]"));
        Assert.Null(page.QuerySelector("[data-testid=revocation-form]"));
        Assert.Equal(1, await RequestCountAsync(certificate.Id));
    }

    [Fact]
    public async Task AnUnknownSerial_SaysSo_AndOffersTheLookup()
    {
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await admin.GetDocumentAsync("/Revocations/New?serial=00FF");
        Assert.Contains("No certificate has the serial number 00FF", page.Text("[data-testid=not-found]"));
        Assert.NotNull(page.QuerySelector("form[data-testid=lookup] input[name=serial]"));

        var (_, certificate) = await app.IssuedCertificateAsync();
        var found = await admin.GetDocumentAsync($"/Revocations/New?serial={Uri.EscapeDataString(" " + string.Join(" ", certificate.SerialNumber.Chunk(4).Select(p => new string(p))).ToLowerInvariant())}");
        Assert.Equal(certificate.Number, found.Text("[data-testid=certificate-number]"));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task OtherRoles_CannotOpenOrPostTheForm(string role)
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var form = (await admin.GetDocumentAsync(Url(certificate))).QuerySelector<IHtmlFormElement>("[data-testid=revocation-form]")!;
        var other = await app.SignInAsRoleAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Url(certificate))).StatusCode);
        // Their own form token, the administrator's form: still refused before anything is read.
        var token = (await other.GetDocumentAsync("/")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var values = Valid(certificate);
        values["__RequestVerificationToken"] = token;
        values["Confirmed"] = "true";
        form.Action = "/Revocations/New?handler=send";
        var response = await other.SubmitAsync(form, values);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await RequestCountAsync(certificate.Id));
    }
}
