using BackOffice.Data;
using BackOffice.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>axe-core finds no WCAG 2.1 A/AA violation on the sign-in page, the start page, the outbox and the mail to applicants.</summary>
public class AccessibilityTests(BrowserFactory app) : IClassFixture<BrowserFactory>
{
    /// <summary>Kestrel itself (not the test server) names no server software in its answers.</summary>
    [Fact]
    public async Task RealServer_SendsNoServerHeader()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(app.BaseUrl + "/Account/Login");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Server));
    }

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // The review page's sandboxed frame shows the applicant's document, not our interface, and runs no script: axe
        // would wait for it forever.
        Iframes = false,
    };

    internal static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);
        Assert.True(result.Violations.Length == 0,
            string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    [Fact]
    public async Task SignInPage_HasNoViolations()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task StartPage_AfterSigningIn_HasNoViolations()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        Assert.Equal("Welcome, Maria Virtanen", await page.Locator("main h1").InnerTextAsync());
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task WrongPassword_IsAnnouncedAndKeepsTheEmail()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync("admin@test.example");
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The e-mail address or the password is wrong.");
        Assert.Equal("admin@test.example", await page.GetByLabel("E-mail").InputValueAsync());
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task OutboxPage_WithAFailedMessage_HasNoViolations()
    {
        await FailedMessageAsync();
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "sysadmin@test.example");
        await page.GotoAsync("/Admin/Outbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send again" }).First).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task MailPage_WithAFailedMessage_HasNoViolations()
    {
        var registryNumber = await FailedMessageAsync();
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin@test.example");
        await page.GotoAsync("/Applications/Mail");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = registryNumber })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);
    }

    /// <summary>A failed mail about a new application; its registry number.</summary>
    private async Task<string> FailedMessageAsync()
    {
        await using var db = app.Db();
        var application = await app.ApplicationAsync(ReferenceData.CitizenCertificate, BackOffice.Data.Domain.Applications.ApplicationStage.Submitted);
        var message = BackOffice.Data.Domain.Outbox.OutboxMessage.Create(BackOffice.Data.Domain.Outbox.MailTemplate.IssuanceCancelled,
            "applicant@example.test", "fi", application.RegistryNumber, new Dictionary<string, string?>(), app.Clock.GetUtcNow());
        message.MarkFailedAttempt("SmtpCommandException: Mailbox unavailable", app.Clock.GetUtcNow(), 1, TimeSpan.FromMinutes(1));
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return application.RegistryNumber;
    }
}
