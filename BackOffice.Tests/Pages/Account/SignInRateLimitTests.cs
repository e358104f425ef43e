using System.Net;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages.Account;

/// <summary>ASP.NET Core's rate limiter on the sign-in steps: per IP address and per account, besides the lockout; past either, 429 and a page that says to wait.</summary>
public class SignInRateLimitTests(SignInRateLimitTests.LimitedFactory app) : IClassFixture<SignInRateLimitTests.LimitedFactory>
{
    /// <summary>Low limits, and each request's client address taken from a test header (the test server has no network).</summary>
    public sealed class LimitedFactory : BackOfficeFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:SignInPerIpPerMinute", "6");
            builder.UseSetting("Security:SignInPerAccountPerMinute", "3");
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        }
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers["X-Test-Client"] is [{ } address]) context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
                return following(context);
            });
            next(app);
        };
    }

    private HttpClient From(string address)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("X-Test-Client", address);
        return client;
    }

    /// <summary>A set-password post for a link (its page has no form for an unknown link: the token comes from the page's language form).</summary>
    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string token)
    {
        var page = await client.GetDocumentAsync($"/Account/SetPassword?token={token}");
        var antiforgery = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync($"/Account/SetPassword?token={token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["Password"] = "Guessed-Password-1", ["Repeat"] = "Guessed-Password-1",
        }));
    }

    private static Task<HttpResponseMessage> TryAsync(HttpClient client, string email) =>
        client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password" });

    [Fact]
    public async Task OneAccount_IsLimited_FromEveryAddress()
    {
        for (var i = 1; i <= 3; i++) Assert.Equal(HttpStatusCode.OK, (await TryAsync(From($"10.0.0.{i}"), "auditor@test.example")).StatusCode);

        var refused = await TryAsync(From("10.0.0.4"), "AUDITOR@test.example ");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal("Too many attempts", (await refused.ParseAsync()).Text("[data-testid=error-title]"));
        // Another account from the same address is not held up by this one.
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(From("10.0.0.4"), "admin2@test.example")).StatusCode);
    }

    [Fact]
    public async Task OneAddress_IsLimited_WhateverAccountsItTries()
    {
        var client = From("10.0.1.1");
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.OK, (await TryAsync(client, $"person{i}@test.example")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(client, "person6@test.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(From("10.0.1.2"), "person6@test.example")).StatusCode);
        // Reading the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task StepsThatNameNoAccount_AreLimitedByAddressOnly_NotAllTogether()
    {
        // Passkey sign-ins and set-password links from many people must not share one account's window.
        for (var i = 0; i < 5; i++)
        {
            var client = From($"10.0.3.{i + 1}");
            Assert.Equal(HttpStatusCode.OK, (await client.SubmitFormAsync("/Account/Login", new() { ["CredentialJson"] = "" }, formSelector: "form[data-testid=passkey-form]")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SetPasswordAsync(client, $"link{i}")).StatusCode);
        }
        // One link tried over and over is limited as one account.
        var guesser = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            guesser.Add((await SetPasswordAsync(From($"10.0.4.{i + 1}"), "same-link")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], guesser);
    }

    [Fact]
    public async Task TheSecondFactor_IsLimitedPerAccount_BeforeTheLockout()
    {
        var staff = await app.NewStaffAsync("Rauni Limited", BackOffice.Data.Domain.Staff.Roles.Reviewer);
        await app.EnrolAsync(await app.SignInAsync(staff.Email!));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 2; i++)
        {
            // Each from its own address and its own password step: what holds them back is the account's limit.
            var client = From($"10.0.2.{i + 1}");
            await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password });
            for (var j = 0; j < 2; j++) statuses.Add((last = await client.SubmitFormAsync("/Account/TwoFactor", new() { ["Code"] = "000000" })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // The refusal page takes its status from its address, not from the form's field named Code.
        Assert.Equal("Too many attempts", (await last.ParseAsync()).Text("[data-testid=error-title]"));
    }
}
