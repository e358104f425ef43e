using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.Playwright;
using MimeKit;

namespace BackOffice.Tests.Browser.Secure;

/// <summary>
/// The public pages in Chromium with JavaScript off: a sender asks for a link, opens it from the mail the test SMTP sink got,
/// writes with an attachment chosen in the file input, sees the confirmation and their messages — axe finds no WCAG 2.1 A/AA
/// violation on any page, the refusals included; and the office's inbox and message page likewise.
/// </summary>
public class SecureMessagesBrowserTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    /// <summary>A page that follows a post: allowed as long as any other step (the shared machine is slow at times).</summary>
    private static readonly PageAssertionsToHaveURLOptions Slow = new() { Timeout = 30000 };

    private async Task<IPage> PageWithoutScriptsAsync()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30000); // the shared machine is slow at times; a hang shows as a timeout, not a stalled run
        return page;
    }

    /// <summary>
    /// axe on what the page without scripts shows: axe is a script, and a page without scripts runs none, so the same document
    /// (its HTML as the browser holds it, served at its own address; styles and images from the app) is checked in a page that may.
    /// </summary>
    private async Task NoViolationsAsync(IPage page)
    {
        var html = await page.ContentAsync();
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "en-GB" });
        try
        {
            var mirror = await context.NewPageAsync();
            var url = page.Url;
            await mirror.RouteAsync(url, route => route.FulfillAsync(new() { Body = html, ContentType = "text/html; charset=utf-8" }));
            await mirror.GotoAsync(url);
            Assert.Equal(await page.Locator("main").InnerTextAsync(), await mirror.Locator("main").InnerTextAsync()); // the same document
            await AccessibilityTests.AssertNoViolationsAsync(mirror);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The path of the newest link mailed to <paramref name="to"/>, from the test run's SMTP sink.</summary>
    private async Task<string> LinkMailedToAsync(string to)
    {
        await app.Sender().ProcessBatchAsync();
        var maildir = Environment.GetEnvironmentVariable("BACKOFFICE_TEST_MAILDIR") ?? throw new InvalidOperationException("BACKOFFICE_TEST_MAILDIR is not set (run ./test.sh)");
        for (var i = 0; i < 50; i++)
        {
            var mail = new[] { "new", "cur" }.Select(d => Path.Combine(maildir, d)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles)
                .Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(b => b.Address == to)).OrderByDescending(m => m.Date).FirstOrDefault();
            if (mail is not null) return SecureMessages.PathOf(SecureMessages.LinkIn(mail));
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No mail to {to}");
    }

    [Fact]
    public async Task ThePublicPages_WithoutJavaScript_FromAddressToConfirmation_HaveNoViolations()
    {
        var email = $"browser-{Guid.NewGuid():N}@example.fi";
        var page = await PageWithoutScriptsAsync();

        await page.GotoAsync("/Secure");
        await NoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter your e-mail address");
        await NoViolationsAsync(page);

        await page.GetByLabel("Your e-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("link-sent")).ToContainTextAsync(email);
        await NoViolationsAsync(page);

        await page.GotoAsync(await LinkMailedToAsync(email));
        await NoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Secure/Write$"), Slow);
        await NoViolationsAsync(page);

        // Refused first (no message), then sent with an attachment chosen in the file input.
        await page.GetByLabel("Subject").FillAsync("Copy of my passport");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("error-Body")).ToHaveTextAsync("Write your message.");
        Assert.Equal("Copy of my passport", await page.GetByLabel("Subject").InputValueAsync());
        await NoViolationsAsync(page);
        var file = Path.Combine(Path.GetTempPath(), $"passport-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, Support.Applications.Pdf("Passport"));
        try
        {
            await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Here is the copy.\nBest regards");
            await page.GetByLabel("Attachments (optional)").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Secure/Sent/"), Slow);
        }
        finally
        {
            File.Delete(file);
        }
        await Assertions.Expect(page.GetByTestId("reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^SM-\d{4}-\d{6}$"));
        await NoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Your messages and answers" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("sender-messages")).ToContainTextAsync("Copy of my passport");
        await NoViolationsAsync(page);
        await page.GetByTestId("sender-messages").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-answers")).ToBeVisibleAsync();
        await NoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Secure$"), Slow);
        await NoViolationsAsync(page);
    }

    [Fact]
    public async Task AnExpiredLink_TooManyRequests_AndAPageNotFound_ArePagesWithoutViolations()
    {
        var page = await PageWithoutScriptsAsync();
        await page.GotoAsync("/Secure/Verify?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await Assertions.Expect(page.GetByTestId("link-refused")).ToHaveTextAsync("The link is not valid");
        await NoViolationsAsync(page);

        // One address asks for more links than an hour allows (5): the form says so, as a sender sees it.
        var email = $"eager-{Guid.NewGuid():N}@example.fi";
        for (var i = 0; i < 6; i++)
        {
            await page.GotoAsync("/Secure");
            await page.GetByLabel("Your e-mail address").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
            if (i < 5) await Assertions.Expect(page.GetByTestId("link-sent")).ToContainTextAsync(email);
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many requests have come for this address");
        await NoViolationsAsync(page);

        // The error page of the public pages is in their layout (the 429 of the per-IP limits is this page: LinkTests).
        await page.GotoAsync("/Secure/NoSuchPage");
        await Assertions.Expect(page.GetByTestId("secure-header")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("error-title")).ToBeVisibleAsync();
        await NoViolationsAsync(page);
    }

    [Fact]
    public async Task TheOfficesInbox_AndAMessage_HaveNoViolations()
    {
        var message = await app.MessageAsync("Question about my certificate", "Hello,\nwhen does it expire?", files: ("scan.pdf", Support.Applications.Pdf()));
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, TestDatabase.EmailOf(Roles.Administrator));

        await page.GotoAsync("/Messages");
        await Assertions.Expect(page.GetByTestId("inbox")).ToContainTextAsync("Question about my certificate");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GotoAsync($"/Messages/{message.Id}");
        await Assertions.Expect(page.GetByTestId("body")).ToContainTextAsync("when does it expire?");
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }
}
