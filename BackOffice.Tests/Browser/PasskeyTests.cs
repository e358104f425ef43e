using System.Text.Json;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>
/// Passkeys in the real browser: Chromium's virtual WebAuthn authenticator (the DevTools protocol's
/// <c>WebAuthn.addVirtualAuthenticator</c>, through Playwright's CDP session) registers a passkey on the account page, and the
/// sign-in page signs in with it, no address or password typed. On http://localhost: WebAuthn needs a secure context and a
/// host name for the relying party (127.0.0.1 is neither a registrable domain nor "localhost").
/// </summary>
public class PasskeyTests(PasskeyTests.TwoFactorBrowser app) : IClassFixture<PasskeyTests.TwoFactorBrowser>
{
    /// <summary>The browser's app with two-factor required, as in production: a passkey must pass the enrolment gate by itself.</summary>
    public sealed class TwoFactorBrowser : BrowserFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:RequireTwoFactor", "true");
        }
    }

    private string Site => app.BaseUrl.Replace("127.0.0.1", "localhost");

    private async Task<(IPage Page, ICDPSession Cdp, string Authenticator)> BrowserWithAuthenticatorAsync()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = Site, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        return (page, cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The first sign-in of a new account: the password, then the authenticator app enrolled (its code computed as the phone would).</summary>
    private async Task SignInAndEnrolAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestDatabase.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Manage/Authenticator"));
        var key = await page.Locator("[data-testid=key]").InnerTextAsync();
        await page.GetByLabel("The six-digit code the app shows").FillAsync(app.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=recovery-codes] li")).ToHaveCountAsync(10);
        app.NextCode();
    }

    [Fact]
    public async Task APasskeyAddedOnTheAccountPage_SignsInOnTheSignInPage()
    {
        var staff = await app.NewStaffAsync("Pasi Passkey", Roles.Reviewer);
        var (page, cdp, authenticator) = await BrowserWithAuthenticatorAsync();
        await SignInAndEnrolAsync(page, staff.Email!);

        await page.GotoAsync("/Account/Manage/Passkeys");
        await Assertions.Expect(page.GetByText("Adding a passkey needs JavaScript")).ToBeHiddenAsync();
        await page.GetByLabel("Name of the passkey").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The passkey Test laptop is added: you can sign in with it.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=passkeys] tbody tr")).ToHaveCountAsync(1);
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator });
        Assert.Equal(1, credentials!.Value.GetProperty("credentials").GetArrayLength());
        Assert.True(credentials.Value.GetProperty("credentials")[0].GetProperty("isResidentCredential").GetBoolean());
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Pasi Passkey");
        // A passkey is two factors: with two-factor required, its session passes the gate (no second step, no enrolment page).
        await page.GotoAsync("/Reviews");
        Assert.EndsWith("/Reviews", page.Url);

        await using var db = app.Db();
        var key = staff.Id.ToString();
        var events = await db.AuditEvents.Where(e => e.EntityType == "StaffUser" && e.EntityId == key).OrderBy(e => e.Position).ToListAsync();
        Assert.Contains(events, e => e.Action == AuditActions.PasskeyAdded && e.Details.Contains("Test laptop"));
        Assert.Contains(events, e => e.Action == AuditActions.SignIn && e.Details.Contains("passkey"));
        var session = await db.StaffSessions.OrderByDescending(s => s.CreatedAt).FirstAsync(s => s.UserId == staff.Id);
        Assert.Equal("passkey", session.Method);
    }

    [Fact]
    public async Task ARemovedPasskey_NoLongerSignsIn()
    {
        var staff = await app.NewStaffAsync("Raili Removed", Roles.Auditor);
        var (page, _, _) = await BrowserWithAuthenticatorAsync();
        await SignInAndEnrolAsync(page, staff.Email!);
        await page.GotoAsync("/Account/Manage/Passkeys");
        await page.GetByLabel("Name of the passkey").FillAsync("Old phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=passkeys] tbody tr")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The passkey is removed; it no longer signs you in.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login"));

        // The authenticator still holds the key; the office no longer knows it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(
            "The passkey could not be used to sign in. Try again, or sign in with your e-mail address and password.");
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignInFailed && e.ActorId == null && e.OccurredAt >= app.Clock.GetUtcNow().AddMinutes(-1)));
    }

    [Fact]
    public async Task TheEnrolmentPage_AndTheSignInPage_HaveNoAccessibilityViolations()
    {
        var staff = await app.NewStaffAsync("Aulis Axe", Roles.Auditor);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByLabel("E-mail").FillAsync(staff.Email!);
        await page.GetByLabel("Password").FillAsync(TestDatabase.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Manage/Authenticator"));
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }
}
