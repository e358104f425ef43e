using System.Net;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages.Account;

/// <summary>
/// Sessions live on the server (staff_sessions): a copied cookie stops working the moment its session is signed out, on every
/// instance of the app; "sign out everywhere else" ends the person's other sessions at their next request.
/// </summary>
public class SessionTests(SessionTests.TwoInstances app) : IClassFixture<SessionTests.TwoInstances>
{
    /// <summary>The app, and a second instance of it on the same database (two nodes behind a balancer; the data-protection keys are in the database).</summary>
    public sealed class TwoInstances : BackOfficeFactory
    {
        public OtherInstance Other { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Other = new OtherInstance(Database);
        }

        protected override async Task CleanUpAsync()
        {
            await Other.DisposeAsync();
            await base.CleanUpAsync();
        }
    }

    public sealed class OtherInstance(string database) : BackOfficeFactory
    {
        protected override string ConnectionString => TestDatabase.AppConnectionStringFor(database);
    }

    private static async Task<string> SignInForCookieAsync(BackOfficeFactory factory, string email)
    {
        var client = factory.NewClient();
        var response = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestDatabase.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BackOffice.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A request with only that cookie, as someone who copied it would send it.</summary>
    private static async Task<HttpStatusCode> WithCookieAsync(BackOfficeFactory factory, string cookie, string url = "/")
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopiedCookieStopsWorkingOnEveryInstance()
    {
        var staff = await app.NewStaffAsync("Saara Auditor", Roles.Auditor);
        var client = app.NewClient();
        var signedIn = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password });
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("BackOffice.Auth=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, cookie));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app.Other, cookie));
        // The cookie carries a key, not the session: nothing in it names the account.
        Assert.True(cookie.Length < 600, $"the cookie is {cookie.Length} characters: it holds more than a key");

        await client.SubmitFormAsync("/", [], formSelector: "form[action='/Account/Logout']");

        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(app, cookie));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(app.Other, cookie));
        await using var db = app.Db();
        Assert.False(await db.StaffSessions.AnyAsync(s => s.UserId == staff.Id));
    }

    [Fact]
    public async Task EndMyOtherSessions_SignsOutEverywhereElse_AtTheirNextRequest_AndKeepsThisOne()
    {
        var staff = await app.NewStaffAsync("Sami Admin", Roles.Administrator);
        var here = await app.SignInAsync(staff.Email!);
        var elsewhere = await SignInForCookieAsync(app.Other, staff.Email!);
        var third = await SignInForCookieAsync(app, staff.Email!);

        var account = await here.GetDocumentAsync("/Account/Manage");
        Assert.Equal(3, account.QuerySelectorAll("[data-testid=sessions] tbody tr").Length);
        Assert.Single(account.QuerySelectorAll("[data-testid=sessions] tr[data-this=true]"));

        var ended = await here.SubmitFormAsync("/Account/Manage", [], formSelector: "form[action$='handler=EndOtherSessions']");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(app.Other, elsewhere));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(app, third));
        var after = await here.GetDocumentAsync("/Account/Manage");
        Assert.Equal("You were signed out everywhere else (2 sessions).", after.Text("[data-testid=flash-message]"));
        Assert.Single(after.QuerySelectorAll("[data-testid=sessions] tbody tr"));
        Assert.Contains(AuditActions.OtherSessionsEnded, await app.AccountEventsAsync(staff.Id));
    }

    [Fact]
    public async Task ASessionExpires_OnTheServer_AfterItsHoursWithoutUse()
    {
        var staff = await app.NewStaffAsync("Sini Reviewer", Roles.Reviewer);
        var cookie = await SignInForCookieAsync(app, staff.Email!);
        await using (var db = app.Db())
            await db.StaffSessions.Where(s => s.UserId == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, app.Clock.GetUtcNow().AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(app, cookie));
    }
}
