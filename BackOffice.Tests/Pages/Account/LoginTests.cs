using System.Net;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Account;

public class LoginTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task Get_WhenAnonymousOpensAPage_RedirectsToSignIn()
    {
        var response = await app.NewClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Post_WithRightPassword_SignsInAndAuditsIt()
    {
        var client = await app.SignInAsync("reviewer@test.example");
        var home = await client.GetDocumentAsync("/");
        Assert.Equal("Johan Lindqvist", home.Text("[data-testid=signed-in-as]"));
        await using var db = app.Db();
        var user = await db.Users.SingleAsync(u => u.Email == "reviewer@test.example");
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "auth.sign-in" && e.ActorId == user.Id));
    }

    [Fact]
    public async Task Post_WithWrongPassword_SaysSoAndKeepsTheEmail()
    {
        var response = await app.NewClient().SubmitFormAsync("/Account/Login",
            new() { ["Input.Email"] = "auditor@test.example", ["Input.Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("The e-mail address or the password is wrong.", page.Text("#login-error"));
        Assert.Equal("auditor@test.example", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelector("#Input_Password")!.GetAttribute("value") ?? "");
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "auth.sign-in-failed"));
    }

    [Fact]
    public async Task Post_WithUnknownEmail_SaysTheSameAsAWrongPassword()
    {
        var page = await (await app.NewClient().SubmitFormAsync("/Account/Login",
            new() { ["Input.Email"] = "nobody@test.example", ["Input.Password"] = "whatever-it-is" })).ParseAsync();
        Assert.Equal("The e-mail address or the password is wrong.", page.Text("#login-error"));
    }

    [Fact]
    public async Task Post_AfterFiveFailures_LocksTheAccountAndSaysUntilWhen()
    {
        var client = app.NewClient();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
            response = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "admin2@test.example", ["Input.Password"] = "wrong-" + i });
        var page = await response.ParseAsync();
        Assert.StartsWith("The account is locked after too many failed attempts. Try again after", page.Text("#login-error"));

        // Even the right password is refused while locked.
        var again = await (await client.SubmitFormAsync("/Account/Login",
            new() { ["Input.Email"] = "admin2@test.example", ["Input.Password"] = TestDatabase.Password })).ParseAsync();
        Assert.StartsWith("The account is locked", again.Text("#login-error"));
    }

    [Fact]
    public async Task Post_AnUnknownAddress_IsLockedOutExactlyLikeARealAccount_SoTheMessagesRevealNoAccounts()
    {
        async Task<List<string>> FiveFailuresAsync(string email)
        {
            var client = app.NewClient();
            var messages = new List<string>();
            for (var i = 0; i < 6; i++)
                messages.Add((await (await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-" + i })).ParseAsync())
                    .Text("#login-error"));
            return messages;
        }
        var real = await FiveFailuresAsync((await app.NewStaffAsync("Lukko Testaaja", BackOffice.Data.Domain.Staff.Roles.Reviewer)).Email!);
        var unknown = await FiveFailuresAsync("no.such.person@test.example");

        // The same words at every attempt; only the time the lock ends differs (Identity's clock is the system's, the app's is the test's).
        static string WithoutTime(string message) => System.Text.RegularExpressions.Regex.Replace(message, @"after .*\.$", "after …");
        Assert.Equal(real.Select(WithoutTime), unknown.Select(WithoutTime));
        Assert.Equal("The e-mail address or the password is wrong.", unknown[3]);
        Assert.StartsWith("The account is locked after too many failed attempts. Try again after", unknown[4]);
        Assert.StartsWith("The account is locked", unknown[5]);
        await using var db = app.Db();
        Assert.Single(await db.FailedSignInAddresses.ToListAsync());
        Assert.DoesNotContain("no.such.person", string.Join(",", (await db.FailedSignInAddresses.ToListAsync()).Select(a => a.AddressHash)));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Is400()
    {
        var response = await app.NewClient().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@test.example", ["Input.Password"] = TestDatabase.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not be accepted", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_WithEmptyFields_ShowsWhatIsMissing()
    {
        var page = await (await app.NewClient().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "", ["Input.Password"] = "" })).ParseAsync();
        Assert.Equal("E-mail is required.", page.Text("[data-testid=error-Input_Email]"));
        Assert.Equal("Password is required.", page.Text("[data-testid=error-Input_Password]"));
    }

    [Fact]
    public async Task Logout_SignsOutAndAuditsIt()
    {
        var client = await app.SignInAsync("auditor@test.example");
        var response = await client.SubmitFormAsync("/", [], formSelector: "form[action='/Account/Logout']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "auth.sign-out"));
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlySecureAndStrict()
    {
        var client = app.NewClient();
        var response = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "reviewer2@test.example", ["Input.Password"] = TestDatabase.Password });
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BackOffice.Auth="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        _ = Roles.All;
    }
}
