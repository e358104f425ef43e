using System.Net;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app, required (as outside Development): enrolment forced at the first sign-in, the
/// QR code and the key, a code computed as the phone's app computes it (Otp.NET), a wrong or replayed code refused and audited,
/// recovery codes good once.
/// </summary>
public class TwoFactorTests(TwoFactorFactory app) : IClassFixture<TwoFactorFactory>
{
    private async Task<HttpClient> PasswordOnlyAsync(string email)
    {
        var client = app.NewClient();
        await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestDatabase.Password });
        return client;
    }

    [Fact]
    public async Task FirstSignIn_SendsToEnrolment_AndNoOtherPageOpensUntilTheAppIsEnrolled()
    {
        var staff = await app.NewStaffAsync("Eeva Reviewer", Roles.Reviewer);
        var client = await PasswordOnlyAsync(staff.Email!);

        foreach (var url in new[] { "/", "/Reviews", "/Persons", "/Account/Manage" })
        {
            var refused = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/Account/Manage/Authenticator", refused.Headers.Location!.OriginalString);
        }
        var page = await client.GetDocumentAsync("/Account/Manage/Authenticator");
        Assert.NotNull(page.QuerySelector("[data-testid=enrolment-required]"));
        Assert.StartsWith("data:image/svg+xml;base64,", page.QuerySelector("[data-testid=qr-code]")!.GetAttribute("src"));
        var svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(page.QuerySelector("[data-testid=qr-code]")!.GetAttribute("src")!.Split(',')[1]));
        Assert.Contains("<svg", svg);
        Assert.Matches("^([a-z2-7]{4} ?)+$", page.Text("[data-testid=key]"));

        var enrolment = await app.EnrolAsync(client);

        Assert.Equal(10, enrolment.RecoveryCodes.Count);
        Assert.Equal(10, enrolment.RecoveryCodes.Distinct().Count());
        Assert.All(enrolment.RecoveryCodes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Reviews")).StatusCode);
        Assert.True((await app.ReloadStaffAsync(staff.Id)).TwoFactorEnabled);
        var events = await app.AccountEventsAsync(staff.Id);
        Assert.Contains(AuditActions.TwoFactorEnabled, events);
        Assert.Contains(AuditActions.RecoveryCodesGenerated, events);
        // Shown once: the page does not show them again.
        var again = await client.GetDocumentAsync("/Account/Manage/Authenticator");
        Assert.Null(again.QuerySelector("[data-testid=recovery-codes]"));
        Assert.NotNull(again.QuerySelector("[data-testid=already-on]"));
    }

    [Fact]
    public async Task Enrolment_WithAWrongCode_SaysSo_AndTurnsNothingOn()
    {
        var staff = await app.NewStaffAsync("Erkki Auditor", Roles.Auditor);
        var client = await PasswordOnlyAsync(staff.Email!);
        var page = await client.GetDocumentAsync("/Account/Manage/Authenticator");
        var key = page.Text("[data-testid=key]");

        var wrong = await (await client.SubmitFormAsync("/Account/Manage/Authenticator", new() { ["Code"] = app.Code(key, steps: 5) })).ParseAsync();

        Assert.Contains("The code is not right", wrong.Text("[data-testid=errors]"));
        Assert.False((await app.ReloadStaffAsync(staff.Id)).TwoFactorEnabled);
        Assert.Contains(AuditActions.SecondFactorFailed, await app.AccountEventsAsync(staff.Id));
        // The same key is shown again, so the app already holding it still works.
        Assert.Equal(key, wrong.Text("[data-testid=key]"));
    }

    [Fact]
    public async Task SignIn_AsksForTheCodeAfterThePassword_AndAWrongCodeIsRefusedAndAudited()
    {
        var staff = await app.NewStaffAsync("Elli Admin", Roles.Administrator);
        var enrolment = await app.EnrolAsync(await PasswordOnlyAsync(staff.Email!));

        var client = app.NewClient();
        var password = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password });
        Assert.StartsWith("/Account/TwoFactor", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode); // not signed in yet

        var wrong = await client.SubmitFormAsync(password.Headers.Location.OriginalString, new() { ["Code"] = app.Code(enrolment.Key, steps: 4) });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The code is not right", (await wrong.ParseAsync()).Text("[data-testid=errors]"));

        var right = await client.SubmitFormAsync(password.Headers.Location.OriginalString, new() { ["Code"] = app.Code(enrolment.Key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("Elli Admin", (await client.GetDocumentAsync("/")).Text("[data-testid=signed-in-as]"));

        await using var db = app.Db();
        var key = staff.Id.ToString();
        var events = await db.AuditEvents.Where(e => e.EntityId == key).OrderBy(e => e.Position).ToListAsync();
        Assert.Contains(events, e => e.Action == AuditActions.SecondFactorFailed && e.Details.Contains("wrong-code"));
        Assert.Contains(events, e => e.Action == AuditActions.SignIn && e.Details.Contains("authenticator"));
        app.NextCode();
    }

    [Fact]
    public async Task ACode_IsAcceptedOnce_AReplayIsRefusedAndAuditedAsOne()
    {
        var staff = await app.NewStaffAsync("Emma Reviewer", Roles.Reviewer);
        var enrolment = await app.EnrolAsync(await PasswordOnlyAsync(staff.Email!));
        var code = app.Code(enrolment.Key);

        var first = app.NewClient();
        var step = (await first.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password })).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitFormAsync(step, new() { ["Code"] = code })).StatusCode);

        // Someone who saw the code over the shoulder, within the same 30 seconds.
        var second = app.NewClient();
        step = (await second.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password })).Headers.Location!.OriginalString;
        var replay = await second.SubmitFormAsync(step, new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already been used", (await replay.ParseAsync()).Text("[data-testid=errors]"));
        // Nor the code of the step before it.
        Assert.Equal(HttpStatusCode.OK, (await second.SubmitFormAsync(step, new() { ["Code"] = app.Code(enrolment.Key, steps: -1) })).StatusCode);

        await using var db = app.Db();
        var key = staff.Id.ToString();
        var failures = await db.AuditEvents.Where(e => e.EntityId == key && e.Action == AuditActions.SecondFactorFailed).Select(e => e.Details).ToListAsync();
        Assert.Contains(failures, d => d.Contains("replayed"));
        app.NextCode();
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync(step, new() { ["Code"] = app.Code(enrolment.Key) })).StatusCode);
        app.NextCode();
    }

    [Fact]
    public async Task RecoveryCodes_SignInOnceEach_AndTheirUseIsAudited()
    {
        var staff = await app.NewStaffAsync("Eino Admin", Roles.Administrator);
        var enrolment = await app.EnrolAsync(await PasswordOnlyAsync(staff.Email!));

        async Task<HttpResponseMessage> RecoverAsync(HttpClient client, string code)
        {
            await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password });
            return await client.SubmitFormAsync("/Account/RecoveryCode", new() { ["Code"] = code });
        }

        var used = await RecoverAsync(app.NewClient(), enrolment.RecoveryCodes[0]);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);

        var again = await RecoverAsync(app.NewClient(), enrolment.RecoveryCodes[0]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("This is not one of your recovery codes, or it has already been used.", (await again.ParseAsync()).Text("[data-testid=errors]"));

        // Typed in lower case without the hyphen, the next code still counts.
        var next = await RecoverAsync(app.NewClient(), enrolment.RecoveryCodes[1].Replace("-", "").ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);

        await using var db = app.Db();
        var key = staff.Id.ToString();
        var events = await db.AuditEvents.Where(e => e.EntityId == key).OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(2, events.Count(e => e.Action == AuditActions.RecoveryCodeUsed));
        Assert.Contains(events, e => e.Action == AuditActions.RecoveryCodeUsed && e.Details.Contains("\"8\""));
        Assert.Contains(events, e => e.Action == AuditActions.SecondFactorFailed && e.Details.Contains("recovery-code"));
        Assert.Contains(events, e => e.Action == AuditActions.SignIn && e.Details.Contains("recovery-code"));
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheAccount_LikeFiveWrongPasswords()
    {
        var staff = await app.NewStaffAsync("Eetu Auditor", Roles.Auditor);
        var enrolment = await app.EnrolAsync(await PasswordOnlyAsync(staff.Email!));
        var client = app.NewClient();
        var step = (await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password })).Headers.Location!.OriginalString;
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++) response = await client.SubmitFormAsync(step, new() { ["Code"] = "000000" == app.Code(enrolment.Key) ? "111111" : "000000" });

        Assert.StartsWith("The account is locked after too many failed attempts", (await response.ParseAsync()).Text("[data-testid=errors]"));
        var right = await client.SubmitFormAsync(step, new() { ["Code"] = app.Code(enrolment.Key) });
        Assert.StartsWith("The account is locked", (await right.ParseAsync()).Text("[data-testid=errors]"));
    }

    [Fact]
    public async Task TheCodePages_WithoutAPasswordFirst_SendBackToSignIn()
    {
        foreach (var url in new[] { "/Account/TwoFactor", "/Account/RecoveryCode" })
        {
            var response = await app.NewClient().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOldOnes()
    {
        var staff = await app.NewStaffAsync("Elina Admin", Roles.Administrator);
        var client = await PasswordOnlyAsync(staff.Email!);
        var enrolment = await app.EnrolAsync(client);

        var page = await (await client.SubmitFormAsync("/Account/Manage/RecoveryCodes", [])).ParseAsync();
        var fresh = page.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();

        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(enrolment.RecoveryCodes));
        var old = app.NewClient();
        await old.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password });
        Assert.Equal(HttpStatusCode.OK, (await old.SubmitFormAsync("/Account/RecoveryCode", new() { ["Code"] = enrolment.RecoveryCodes[2] })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await old.SubmitFormAsync("/Account/RecoveryCode", new() { ["Code"] = fresh[0] })).StatusCode);
    }
}
