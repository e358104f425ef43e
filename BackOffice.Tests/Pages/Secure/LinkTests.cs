using System.Net;
using AngleSharp.Dom;
using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Secure;

/// <summary>The one-time link and the session it opens: 30 minutes, once, an hour; what a wrong or foreign link gets; the limits.</summary>
public class LinkTests(SecureMessagesFactory app) : IClassFixture<SecureMessagesFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetMailAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> LinkForAsync(HttpClient client, string email)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskForLinkAsync(email)).StatusCode);
        return SecureMessages.LinkIn(await app.MailToAsync(email));
    }

    [Fact]
    public async Task Link_AfterThirtyMinutes_IsRefusedAsExpired_AndOpensNoSession()
    {
        var client = app.NewClient();
        var link = await LinkForAsync(client, "late@example.fi");
        app.Clock.Advance(TimeSpan.FromMinutes(31));

        var page = await client.GetAsync(SecureMessages.PathOf(link));

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal("The link has expired", (await page.ParseAsync()).Text("[data-testid=link-refused]"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Secure/Write")).StatusCode);
    }

    [Fact]
    public async Task Link_PressedAfterItExpired_IsRefused()
    {
        var client = app.NewClient();
        var link = await LinkForAsync(client, "slow@example.fi");
        var form = (await client.GetDocumentAsync(SecureMessages.PathOf(link))).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form")!;
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        var pressed = await client.SubmitAsync(form, []);

        Assert.Equal(HttpStatusCode.Gone, pressed.StatusCode);
        Assert.Contains("a link works for 30 minutes", await pressed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_UsedOnce_IsRefusedTheSecondTime_EvenInAnotherBrowser()
    {
        var link = await LinkForAsync(app.NewClient(), "once@example.fi");
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().OpenLinkAsync(link)).StatusCode);

        var again = await app.NewClient().OpenLinkAsync(link);

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("The link has already been used", (await again.ParseAsync()).Text("[data-testid=link-refused]"));
    }

    [Theory]
    [InlineData("/Secure/Verify?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/Secure/Verify")]
    [InlineData("/Secure/Verify?token=x")]
    public async Task Link_ThatIsNotOne_IsToldSo(string url)
    {
        var page = await app.NewClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("The link is not valid", (await page.ParseAsync()).Text("[data-testid=link-refused]"));
    }

    [Theory]
    [InlineData("/Secure/NoSuchPage")]
    [InlineData("/secure/write/more")]
    public async Task AnAddressUnderSecure_ThatIsNoPage_IsNotFound_InThePublicLayout_NeverTheStaffSignIn(string url)
    {
        var page = await app.NewClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var document = await page.ParseAsync();
        Assert.NotNull(document.QuerySelector("[data-testid=secure-header]"));
        Assert.Equal("Not found", document.Text("[data-testid=error-title]"));
    }

    [Fact]
    public async Task Link_OnlyItsPress_UsesIt_SoAMailScannerFetchingItDoesNot()
    {
        var client = app.NewClient();
        var link = await LinkForAsync(client, "scanned@example.fi");
        await app.NewClient().GetAsync(SecureMessages.PathOf(link));
        await app.NewClient().GetAsync(SecureMessages.PathOf(link));

        Assert.Equal(HttpStatusCode.Redirect, (await client.OpenLinkAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Session_EndsAnHourAfterTheLink()
    {
        var client = await app.VerifiedSenderAsync("hour@example.fi");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Secure/Write")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Secure/Write")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        var after = await client.GetAsync("/Secure/Write");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Secure?returnUrl=", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAtOnce()
    {
        var client = await app.VerifiedSenderAsync("leaving@example.fi");
        var signedOut = await client.SubmitFormAsync("/Secure/Write", [], "form[action='/Secure/SignOut']");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Secure/Write")).StatusCode);
    }

    [Fact]
    public async Task AMessageOfAnotherAddress_IsNotShown_AndThePageSaysSo()
    {
        var anna = await app.VerifiedSenderAsync("anna@example.fi");
        var sent = await anna.SendMessageAsync("Question", "Is my application complete?");
        var id = sent.Headers.Location!.OriginalString.Split('/')[^1];
        var eve = await app.VerifiedSenderAsync("eve@example.fi");

        var foreign = await eve.GetAsync($"/Secure/Messages/{id}");
        var sentPage = await eve.GetAsync($"/Secure/Sent/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var page = await foreign.ParseAsync();
        Assert.Equal("This message is for another address", page.Text("[data-testid=other-address]"));
        Assert.DoesNotContain("Is my application complete", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, sentPage.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("anna@example")]
    [InlineData("Anna <anna@example.fi>")]
    [InlineData("a@b.fi, c@d.fi")]
    public async Task AskForLink_WithWhatIsNotAnAddress_SaysSo_AndSendsNothing(string email)
    {
        await using var db = app.Db();
        var before = await db.SenderVerifications.CountAsync();

        var response = await app.NewClient().AskForLinkAsync(email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your e-mail address in the form name@example.fi.", (await response.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(before, await db.SenderVerifications.CountAsync());
        Assert.False(await db.OutboxMessages.AnyAsync());
    }

    [Fact]
    public async Task AskForLink_TheLinkStartsWithTheConfiguredAddress_NotTheRequestsHost()
    {
        var client = app.NewClient();
        var page = await client.GetDocumentAsync("/Secure");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form")!;
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Type == "hidden")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).Append(new("Email", "host@example.fi"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/Secure") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = "evil.example";

        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(request)).StatusCode);
        Assert.StartsWith("https://localhost/Secure/Verify?token=", SecureMessages.LinkIn(await app.MailToAsync("host@example.fi")));
    }

    [Fact]
    public async Task AskForLink_TooOftenForOneAddress_IsRefusedWithAMessage_AndNothingIsSent()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:RateLimits:LinksPerAddress", "2"));
        var client = limited.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskForLinkAsync("busy@example.fi")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskForLinkAsync("BUSY@example.fi")).StatusCode);

        var third = await client.AskForLinkAsync("busy@example.fi");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Too many requests have come for this address", (await third.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.AskForLinkAsync("other@example.fi")).StatusCode);
        await using var db = app.Db();
        Assert.Equal(2, await db.SenderVerifications.CountAsync(v => v.Email == "busy@example.fi"));
    }

    [Fact]
    public async Task AskForLink_TooOftenFromOneIp_Answers429WithAPageThatSaysSo()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:RateLimits:LinksPerIp", "2"));
        var client = limited.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        await client.AskForLinkAsync("one@example.fi");
        await client.AskForLinkAsync("two@example.fi");

        var third = await client.AskForLinkAsync("three@example.fi");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var refused = await third.ParseAsync();
        Assert.Equal("Too many requests", refused.Text("[data-testid=error-title]"));
        Assert.NotNull(refused.QuerySelector("[data-testid=secure-header]")); // in the public pages' layout, not the staff's
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Secure")).StatusCode); // the page itself still opens
        await using var db = app.Db();
        Assert.False(await db.SenderVerifications.AnyAsync(v => v.Email == "three@example.fi"));
    }

    [Fact]
    public async Task AskingAndOpening_AreAudited()
    {
        await app.VerifiedSenderAsync("audited@example.fi");
        await using var db = app.Db();
        var actions = await db.AuditEvents.AsNoTracking().Where(e => e.ActorName == "audited@example.fi").OrderBy(e => e.Position).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.SenderLinkRequested, AuditActions.SenderVerified], actions);
    }

    [Theory]
    [InlineData("sv", "Skicka ett konfidentiellt meddelande till certifikatbyrån", "Din länk för att skicka ett skyddat meddelande")]
    [InlineData("fi", "Lähetä luottamuksellinen viesti varmennetoimistolle", "Linkkisi suojatun viestin lähettämiseen")]
    public async Task ThePublicPages_AndTheLinksMail_AreInTheSendersLanguage(string language, string heading, string subject)
    {
        var client = app.NewClient();
        await client.SubmitFormAsync("/Secure", new() { ["language"] = language, ["returnUrl"] = "/Secure" }, "form[action='/Language']");
        var page = await client.GetDocumentAsync("/Secure");
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, page.Text("main h1"));

        var email = $"kieli-{language}@example.fi";
        await client.AskForLinkAsync(email);

        var mail = await app.MailToAsync(email);
        Assert.Equal(subject, mail.Subject);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/Secure/Write")]
    [InlineData("/Applications")]
    [InlineData("/Secure/Verify?token=abc")]
    public async Task ReturnUrl_OffThePublicPages_IsIgnored(string returnUrl)
    {
        var client = app.NewClient();
        await client.AskForLinkAsync("return@example.fi", returnUrl);
        var opened = await client.OpenLinkAsync(SecureMessages.LinkIn(await app.MailToAsync("return@example.fi")));
        Assert.Equal("/Secure/Write", opened.Headers.Location!.OriginalString);
    }
}
