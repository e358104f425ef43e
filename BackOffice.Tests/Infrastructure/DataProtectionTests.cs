using System.Net;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure;

/// <summary>
/// The data-protection keys (sign-in cookies, antiforgery tokens) live in PostgreSQL, encrypted with a key the database
/// does not hold: a second instance on the same database accepts the first one's cookie and form, and the stored keys
/// are not readable XML.
/// </summary>
public class DataProtectionTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task ASecondInstance_AcceptsTheFirstInstancesCookieAndForm()
    {
        var first = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var login = await first.GetAsync("/Account/Login");
        var loginCookies = Cookies(login);
        var loginToken = (await login.ParseAsync()).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signIn = await SendAsync(first, HttpMethod.Post, "/Account/Login", loginCookies,
            [new("Input.Email", "admin@test.example"), new("Input.Password", TestDatabase.Password), new("__RequestVerificationToken", loginToken)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Cookies(signIn);
        var home = await SendAsync(first, HttpMethod.Get, "/", auth);
        var token = (await home.ParseAsync()).QuerySelector("form[action='/Language'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var withAntiforgery = auth + "; " + Cookies(home);

        await using var second = app.WithWebHostBuilder(_ => { });
        var client = second.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var page = await SendAsync(client, HttpMethod.Get, "/", auth);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Maria Virtanen", await page.Content.ReadAsStringAsync());
        // A form rendered by the first instance is accepted by the second (its antiforgery cookie and token alike).
        var posted = await SendAsync(client, HttpMethod.Post, "/Language", withAntiforgery, [new("language", "fi"), new("returnUrl", "/"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string cookies, KeyValuePair<string, string>[]? form = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task StoredKeys_AreEncrypted()
    {
        (await app.SignInAsync("auditor@test.example")).Dispose();
        await using var db = app.Db();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("AesGcmXmlDecryptor", xml);
            Assert.Matches("<encryptedKey keyId=\"test\"[^>]*>", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    [Fact]
    public void OutsideDevelopment_WithoutTheKey_TheAppRefusesToStart()
    {
        using var production = app.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("DataProtection:Key", "");
        });
        var e = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("DataProtection:KeyFile", e.ToString());
    }
}
