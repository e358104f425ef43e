using System.Net;
using AngleSharp.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Messages;

/// <summary>One message at the office: opened (audited, marked read), linked by hand, marked handled, its attachments downloaded.</summary>
public class DetailsTests(SecureMessagesFactory app) : IClassFixture<SecureMessagesFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetMailAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<SecureMessage> ReloadAsync(Guid id)
    {
        await using var db = app.Db();
        return await db.SecureMessages.AsNoTracking().Include(m => m.Replies).SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task Opening_MarksItRead_AndEveryOpeningIsAudited()
    {
        var message = await app.MessageAsync("Open me");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        await client.GetAsync($"/Messages/{message.Id}");
        await client.GetAsync($"/Messages/{message.Id}");

        Assert.Equal("Maria Virtanen", (await ReloadAsync(message.Id)).FirstReadByName);
        await using var db = app.Db();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MessageViewed && e.EntityId == message.Id.ToString()));
    }

    [Fact]
    public async Task AnAttachment_IsADownload_WithItsRecognisedType_NeverInline_AndAudited()
    {
        var png = Support.Applications.Png;
        var message = await app.MessageAsync("With a picture", files: ("<script>x</script>.html", png));
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.GetAsync($"/Messages/{message.Id}/Attachments/{message.Attachments[0].Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".png", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.MessageAttachmentDownloaded && e.EntityId == message.Id.ToString()));
    }

    [Fact]
    public async Task AnAttachmentOfAnotherMessage_Is404()
    {
        var one = await app.MessageAsync("One", files: ("a.pdf", Support.Applications.Pdf()));
        var other = await app.MessageAsync("Other");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Messages/{other.Id}/Attachments/{one.Attachments[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Messages/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task LinkByHand_ToAnApplication_ByItsRegistryNumberWrittenAnyWay()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var message = await app.MessageAsync("No number here");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Messages/{message.Id}",
            new() { ["RegistryNumberInput"] = application.RegistryNumber.ToLowerInvariant().Replace("/", " ") }, "form[action*='handler=LinkApplication']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var linked = await ReloadAsync(message.Id);
        Assert.Equal((application.Id, application.PersonId, CaseLinkKind.Manual, "Maria Virtanen"), (linked.ApplicationId!.Value, linked.PersonId!.Value, linked.LinkKind!.Value, linked.LinkedByName));
        var page = await client.GetDocumentAsync($"/Messages/{message.Id}");
        Assert.Contains(application.RegistryNumber, page.Text("[data-testid=case]"));
    }

    [Fact]
    public async Task LinkByHand_ToAnUnknownRegistryNumber_SaysSo()
    {
        var message = await app.MessageAsync("Unknown number");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Messages/{message.Id}", new() { ["RegistryNumberInput"] = "BO/1999/999999" }, "form[action*='handler=LinkApplication']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No application has that registry number", (await response.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Null((await ReloadAsync(message.Id)).ApplicationId);
    }

    [Fact]
    public async Task LinkByHand_ToThePersonWithTheSendersAddress_FromTheSuggestion()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        string email;
        await using (var db = app.Db()) email = (await db.Persons.SingleAsync(p => p.Id == application.PersonId)).Email;
        var message = await app.MessageAsync("From a known address", sender: email.ToUpperInvariant());
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await client.GetDocumentAsync($"/Messages/{message.Id}");
        var suggestion = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("[data-testid=suggestion]")!;
        var response = await client.SubmitAsync(suggestion, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var linked = await ReloadAsync(message.Id);
        Assert.Equal((application.PersonId, (Guid?)null), (linked.PersonId!.Value, linked.ApplicationId));
    }

    [Fact]
    public async Task MarkHandled_ThenReopen()
    {
        var message = await app.MessageAsync("Handle me");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        await client.SubmitFormAsync($"/Messages/{message.Id}", [], "form[action*='handler=Handled']");
        Assert.Equal("Maria Virtanen", (await ReloadAsync(message.Id)).HandledByName);
        await client.SubmitFormAsync($"/Messages/{message.Id}", [], "form[action*='handler=Reopen']");
        Assert.Null((await ReloadAsync(message.Id)).HandledAt);
    }

    [Fact]
    public async Task TwoPeople_MarkingHandledAtOnce_TheSecondIsToldItChanged()
    {
        var message = await app.MessageAsync("Both at once");
        var maria = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await maria.GetDocumentAsync($"/Messages/{message.Id}");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action*='handler=Handled']")!;
        Assert.Equal(HttpStatusCode.Redirect, (await maria.SubmitAsync(form, [])).StatusCode);

        var second = await maria.SubmitAsync(form, []);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone changed this message while you had it open", (await second.ParseAsync()).Text("[data-testid=conflict]"));
    }

    [Fact]
    public async Task Reply_Empty_IsRefused_AndNothingIsMailed()
    {
        var message = await app.MessageAsync("Needs an answer");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await client.SubmitFormAsync($"/Messages/{message.Id}", new() { ["ReplyText"] = "   " }, "form[action*='handler=Reply']");

        Assert.Equal("Write the answer.", (await response.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Empty((await ReloadAsync(message.Id)).Replies);
        await using var db = app.Db();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Template == Data.Domain.Outbox.MailTemplate.SecureMessageReply));
    }
}
