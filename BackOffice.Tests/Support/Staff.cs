using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace BackOffice.Tests.Support;

/// <summary>The app with two-factor sign-in required, as outside Development (the other tests' factory turns it off).</summary>
public class TwoFactorFactory : MailFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:RequireTwoFactor", "true");
    }
}

/// <summary>Staff accounts made for a test, and the authenticator app's codes computed as the app on a phone would (Otp.NET).</summary>
public static class StaffSupport
{
    /// <summary>A new active account with the test password and these roles (a test's own, so others' are untouched).</summary>
    public static async Task<StaffUser> NewStaffAsync(this BackOfficeFactory app, string name, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{new string(name.Split(' ')[0].Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..6]}@test.example";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, LockoutEnabled = true };
        var created = await users.CreateAsync(user, TestDatabase.Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Code)));
        if (roles.Length > 0) await users.AddToRolesAsync(user, roles);
        return user;
    }

    /// <summary>The six digits the authenticator app shows for this key at the app's clock (moved by <paramref name="steps"/> 30-second steps).</summary>
    public static string Code(this BackOfficeFactory app, string key, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant()))
            .ComputeTotp(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * steps));

    /// <summary>Moves the app's clock to the next 30-second step, so the next code is a new one.</summary>
    public static void NextCode(this BackOfficeFactory app) => app.Clock.Advance(TimeSpan.FromSeconds(30));

    public sealed record Enrolment(string Key, IReadOnlyList<string> RecoveryCodes);

    /// <summary>Enrols an authenticator app through the page, as a person does: reads the key shown, posts the app's code.</summary>
    public static async Task<Enrolment> EnrolAsync(this BackOfficeFactory app, HttpClient client)
    {
        var page = await client.GetDocumentAsync("/Account/Manage/Authenticator");
        var key = page.Text("[data-testid=key]");
        var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Code"] = app.Code(key) });
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Enrolment answered {(int)response.StatusCode}");
        var done = await response.ParseAsync();
        var codes = done.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
        if (codes.Count == 0) throw new InvalidOperationException("No recovery codes shown: " + done.QuerySelector("main")?.TextContent);
        app.NextCode();
        return new Enrolment(key, codes);
    }

    /// <summary>Signs in with the password and then the authenticator code, through the two forms; the client is returned signed in.</summary>
    public static async Task<HttpClient> SignInWithCodeAsync(this BackOfficeFactory app, string email, string key, HttpClient? client = null)
    {
        client ??= app.NewClient();
        var password = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestDatabase.Password });
        if (password.Headers.Location?.OriginalString.StartsWith("/Account/TwoFactor") != true)
            throw new InvalidOperationException($"The password step answered {(int)password.StatusCode} {password.Headers.Location}");
        var code = await client.SubmitFormAsync(password.Headers.Location.OriginalString, new() { ["Code"] = app.Code(key) });
        if (code.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"The code step answered {(int)code.StatusCode}: {await code.Content.ReadAsStringAsync()}");
        app.NextCode();
        return client;
    }

    public static async Task<StaffUser> ReloadStaffAsync(this BackOfficeFactory app, Guid id)
    {
        await using var db = app.Db();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    /// <summary>The actions recorded about an account, oldest first.</summary>
    public static async Task<List<string>> AccountEventsAsync(this BackOfficeFactory app, Guid id)
    {
        await using var db = app.Db();
        var key = id.ToString();
        return await db.AuditEvents.Where(e => e.EntityType == "StaffUser" && e.EntityId == key).OrderBy(e => e.Position).Select(e => e.Action).ToListAsync();
    }
}
