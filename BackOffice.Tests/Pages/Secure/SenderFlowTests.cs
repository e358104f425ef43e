using System.Net;
using System.Security.Cryptography;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Secure;

/// <summary>
/// Seed 004 end to end, with the real SMTP sink: a sender asks for a link, reads it from the mail, writes to the office with
/// attachments, gets a confirmation and a receipt; the office finds the message routed to the application it names, answers,
/// and the sender reads the answer behind a new verification of the same address.
/// </summary>
public class SenderFlowTests(SecureMessagesFactory app) : IClassFixture<SecureMessagesFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetMailAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheWholeFlow_LinkFromTheMail_MessageWithAttachments_RoutedReceipt_AnswerReadBehindANewLink()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var sender = app.NewClient();

        // 1. The address, and the link in the mail the sink received.
        var asked = await sender.AskForLinkAsync("Anna.Lindholm@Example.fi");
        Assert.Equal("/Secure/CheckEmail", asked.Headers.Location!.OriginalString);
        Assert.Contains("anna.lindholm@example.fi", (await sender.GetDocumentAsync("/Secure/CheckEmail")).Text("[data-testid=link-sent]"));
        var linkMail = await app.MailToAsync("anna.lindholm@example.fi");
        var link = SecureMessages.LinkIn(linkMail);
        Assert.StartsWith("https://localhost/Secure/Verify?token=", link);
        await using (var db = app.Db())
        {
            var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Template == MailTemplate.SecureMessageLink);
            var token = Uri.UnescapeDataString(link[(link.IndexOf('=') + 1)..]);
            Assert.DoesNotContain(token, row.Model); // the outbox keeps the link sealed
            var verification = await db.SenderVerifications.AsNoTracking().SingleAsync();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), verification.TokenHash);
        }

        // 2. The link opens a session; the writing page follows.
        var opened = await sender.OpenLinkAsync(link);
        Assert.Equal("/Secure/Write", opened.Headers.Location!.OriginalString);

        // 3. The message, with two attachments, naming the application's registry number in lower case with spaces.
        var pdf = Support.Applications.Pdf("Passport of Anna");
        var spaced = application.RegistryNumber.ToLowerInvariant().Replace("/", " / ");
        var sent = await sender.SendMessageAsync($"Passport copy for {spaced}", "Here is the copy you asked for.\nBest regards, Anna",
            [SecureMessages.File("passport.pdf", pdf), SecureMessages.File("photo.png", Support.Applications.Png)], recipient: "registry");
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, (await sent.ParseAsync()).QuerySelector("main")?.TextContent);
        var confirmation = await sender.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        var message = (await app.LastMessageAsync())!;
        Assert.Equal(message.Reference, confirmation.Text("[data-testid=reference]"));
        Assert.Matches(@"^SM-2026-\d{6}$", message.Reference);
        Assert.Equal((application.Id, application.PersonId, CaseLinkKind.Automatic), (message.ApplicationId!.Value, message.PersonId!.Value, message.LinkKind!.Value));
        Assert.Equal([("passport.pdf", "application/pdf", Convert.ToHexStringLower(SHA256.HashData(pdf))), ("photo.png", "image/png", Convert.ToHexStringLower(SHA256.HashData(Support.Applications.Png)))],
            message.Attachments.OrderBy(a => a.Order).Select(a => (a.FileName, a.ContentType, a.Sha256)));

        // 4. The receipt names the reference, not the text.
        var receipt = await app.MailToAsync("anna.lindholm@example.fi", message.Reference);
        Assert.Contains(message.Reference, receipt.TextBody);
        Assert.DoesNotContain("copy you asked for", receipt.TextBody + receipt.HtmlBody);
        Assert.DoesNotContain("Passport copy", receipt.TextBody + receipt.HtmlBody);

        // 5. The office: in the inbox, unread; opened, linked to the application; answered.
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var inbox = await admin.GetDocumentAsync("/Messages");
        Assert.Contains($"Passport copy for {spaced}", inbox.Text("[data-testid=inbox]"));
        var details = await admin.GetDocumentAsync($"/Messages/{message.Id}");
        Assert.Contains(application.RegistryNumber, details.Text("[data-testid=case]"));
        Assert.Contains("Here is the copy you asked for.", details.Text("[data-testid=body]"));
        var replied = await admin.SubmitFormAsync($"/Messages/{message.Id}", new() { ["ReplyText"] = "Thank you, the copy is fine. Your certificate is on its way." },
            "form[action*='handler=Reply']");
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);

        // 6. The notice carries a link, never the answer.
        var notice = await app.MailToAsync("anna.lindholm@example.fi", "Answer to your secure message");
        Assert.DoesNotContain("copy is fine", notice.TextBody + notice.HtmlBody);
        var answerLink = SecureMessages.LinkIn(notice);
        Assert.Equal($"https://localhost/Secure/Messages/{message.Id}", answerLink);

        // 7. A new browser (no session): the answer's page asks for the address first, and after the new link shows the answer.
        app.Clock.Advance(TimeSpan.FromMinutes(5)); // the second link's mail is the newer one
        var later = app.NewClient();
        var toVerify = await later.GetAsync(SecureMessages.PathOf(answerLink));
        Assert.Equal(HttpStatusCode.Redirect, toVerify.StatusCode);
        Assert.StartsWith("/Secure?returnUrl=", toVerify.Headers.Location!.PathAndQuery);
        var askedAgain = await later.AskForLinkAsync("anna.lindholm@example.fi", returnUrl: SecureMessages.PathOf(answerLink));
        Assert.Equal(HttpStatusCode.Redirect, askedAgain.StatusCode);
        var reopened = await later.OpenLinkAsync(SecureMessages.LinkIn(await app.MailToAsync("anna.lindholm@example.fi", "Your link")));
        Assert.Equal($"/Secure/Messages/{message.Id}", reopened.Headers.Location!.OriginalString);
        var answerPage = await later.GetDocumentAsync(reopened.Headers.Location!.OriginalString);
        Assert.Contains("Thank you, the copy is fine.", answerPage.Text("[data-testid=answer]"));

        await using var check = app.Db();
        Assert.NotNull((await check.MessageReplies.AsNoTracking().SingleAsync()).ReadBySenderAt);
        var actions = await check.AuditEvents.AsNoTracking().Where(e => e.EntityId == message.Id.ToString()).OrderBy(e => e.Position).Select(e => e.Action).ToListAsync();
        // Read on the page, read again by the form's page, answered, the answer read by the sender.
        Assert.Equal([AuditActions.MessageReceived, AuditActions.MessageLinked, AuditActions.MessageViewed, AuditActions.MessageViewed, AuditActions.MessageReplied, AuditActions.MessageReplyRead],
            actions);
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Action == AuditActions.MessageReceived && e.ApplicationId == application.Id && e.PersonId == application.PersonId));
    }
}
