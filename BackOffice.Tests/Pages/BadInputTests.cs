using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Tests.Api;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages;

/// <summary>
/// Nothing a person can type, paste or send gets a 500 (the security issue, item 3): every form of the app, found by walking
/// the pages each role sees, refuses a NUL with a 400 page; huge page numbers are cleaned; oversized posts answer 413; the
/// error page answers only error statuses; the intake API answers as problem+json.
/// </summary>
public class BadInputTests(BadInputTests.LoggedFactory app) : IClassFixture<BadInputTests.LoggedFactory>, IAsyncLifetime
{
    private const string Nul = "\0";

    /// <summary>The intake API's factory, keeping every log entry of Error or worse: none may be written by bad input.</summary>
    public sealed class LoggedFactory : IntakeFactory
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new ErrorLog(Errors)));
        }
    }

    private sealed class ErrorLog(System.Collections.Concurrent.ConcurrentQueue<string> errors) : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}");
        }
        public void Dispose() { }
    }

    public Task InitializeAsync()
    {
        app.Errors.Clear();
        return Task.CompletedTask;
    }

    /// <summary>After each test: nothing it sent was logged as an error (a 500 always is).</summary>
    public Task DisposeAsync()
    {
        Assert.True(app.Errors.IsEmpty, string.Join("\n", app.Errors));
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(AccessTests.Roles), MemberType = typeof(AccessTests))]
    public async Task EveryFormTheRoleReaches_RefusesANulWith400_AndChangesNothing(string role)
    {
        await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview);
        // Revocation (issue 13): an active certificate and a scheduled request, so the person card's revocation links lead somewhere
        // (the revocation forms' own NUL tests are in Pages/Revocations/BadInputTests).
        await app.IssuedCertificateAsync(lastName: "Nul");
        var (_, scheduled) = await app.IssuedCertificateAsync(lastName: "Nul");
        await app.RequestRevocationAsync(scheduled, await app.StaffAsync("admin@test.example"), sendAt: app.Clock.GetUtcNow().AddDays(2));
        await app.MessageAsync("A secure message whose page has forms", files: ("scan.pdf", Support.Applications.Pdf())); // issue 15
        var client = await app.SignInAsRoleAsync(role);
        var forms = await FormsReachableAsync(client);
        Assert.True(forms.Count >= 3, $"only {forms.Count} forms found for {role}");

        var versions = await VersionsAsync();
        foreach (var (page, form) in forms)
        {
            var values = form.Elements.OfType<IHtmlElement>()
                .Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n)).Distinct()
                .ToDictionary(n => n!, n => ValueOf(form, n!) + Nul);
            var multipart = string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase);
            var response = multipart
                ? await client.PostAsync(Target(form, page), Multipart(values))
                : string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase)
                    ? await client.GetAsync(Target(form, page) + "?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}")))
                    : await client.SubmitAsync(form, values);
            var status = (int)response.StatusCode;
            var get = string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase);
            Assert.True(get ? status == 200 : status is 400 or 403 or 404 or 409 or 422 || (multipart && status is 200 or 302),
                $"{role}: the form {form.GetAttribute("action")} on {page} answered {status} to a NUL");
            Assert.NotEqual(500, status);
        }
        Assert.Equal(versions, await VersionsAsync());
    }

    [Theory]
    [InlineData("/Queues/AwaitingReview?p=100000000")]
    [InlineData("/Queues/AwaitingReview?p=-5")]
    [InlineData("/Reviews?p=2147483647")]
    [InlineData("/Admin/Outbox?p=100000000")]
    [InlineData("/Persons?q=oberg&p=2147483647")]
    public async Task HugePageNumbers_AreCleaned_NeverA500(string url)
    {
        var role = url.StartsWith("/Admin") ? BackOffice.Data.Domain.Staff.Roles.SystemAdministrator
            : url.StartsWith("/Reviews") ? BackOffice.Data.Domain.Staff.Roles.Reviewer : BackOffice.Data.Domain.Staff.Roles.Administrator;
        var client = await app.SignInAsRoleAsync(role);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ANulInTheQueryString_IsCleaned_AndInThePath_Answers400WithAPageThatSaysSo()
    {
        var client = await app.SignInAsRoleAsync(BackOffice.Data.Domain.Staff.Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Queues/AwaitingReview?q=ab%00c&p=1%00")).StatusCode);

        var response = await client.GetAsync("/Queues/Awaiting%01Review") /* a NUL in the path Kestrel refuses itself */;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("The request could not be accepted", page.Text("[data-testid=error-title]"));
    }

    [Fact]
    public async Task SignIn_WithANul_AFiveMegabytePassword_OrFiveThousandFields_Answers400Or413()
    {
        var client = app.NewClient();
        var login = await client.GetDocumentAsync("/Account/Login");
        var form = login.QuerySelector<IHtmlFormElement>("main form")!;

        var nul = await client.SubmitAsync(form, new() { ["Input.Email"] = "admin@test.example", ["Input.Password"] = "a\0b" });
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);

        var huge = await client.SubmitAsync(form, new() { ["Input.Email"] = "admin@test.example", ["Input.Password"] = new string('p', 5 << 20) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("The request was too large", (await huge.ParseAsync()).Text("[data-testid=error-title]"));

        var fields = Enumerable.Range(0, 5000).ToDictionary(i => $"f{i}", i => "x");
        fields["Input.Email"] = "admin@test.example";
        fields["Input.Password"] = "whatever-it-is";
        var many = await client.SubmitAsync(form, fields);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, many.StatusCode);
    }

    [Theory]
    [InlineData("/Error?code=999999", 404)]
    [InlineData("/Error?code=302", 404)]
    [InlineData("/Error?code=200", 404)]
    [InlineData("/Error?code=-1", 404)]
    [InlineData("/Error?code=abc", 500)]
    [InlineData("/Error?code=503", 503)]
    public async Task TheErrorPage_AnswersOnlyErrorStatuses(string url, int expected)
    {
        var response = await app.NewClient().GetAsync(url);
        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Responses_CarryNoServerHeader_AndHsts()
    {
        // HSTS is never sent to localhost (browsers would pin it for every local app); the office's host name gets it.
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { Host = "backoffice.example" } };
        var response = await app.NewClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task IntakeApi_AnswersEveryErrorAsProblemJson()
    {
        var portal = app.Portal();
        var unknown = await portal.GetAsync("/api/intake/nothing-here");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");

        var nul = await portal.PostAsync("/api/intake/events",
            new StringContent("""{"registryNumber":"BO/2026/000001","event":"data-verified","note":"a\u0000b"}""", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(nul, HttpStatusCode.BadRequest, "invalid-character");

        var escapedBackslash = await portal.PostAsync("/api/intake/events",
            new StringContent("""{"registryNumber":"BO/2026/999999","event":"data-verified","note":"C:\\u0000dir"}""", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(escapedBackslash, HttpStatusCode.NotFound, "unknown-application");

        var big = await portal.PostAsync("/api/intake/events",
            new StringContent($$"""{"registryNumber":"BO/2026/000001","event":"data-verified","note":"{{new string('n', 2 << 20)}}"}""", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(big, HttpStatusCode.RequestEntityTooLarge, "too-large");

        var anonymous = await app.Portal(key: null).PostAsync("/api/intake/events", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
    }

    /// <summary>Walks the pages a signed-in client reaches from the home page (same site, up to 120 pages, no sign-out,
    /// downloads or language switch) and returns every form on them, once per action.</summary>
    private static async Task<List<(string Page, IHtmlFormElement Form)>> FormsReachableAsync(HttpClient client)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "/" };
        var queue = new Queue<string>(["/"]);
        var forms = new List<(string, IHtmlFormElement)>();
        var actions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (queue.Count > 0 && seen.Count < 120)
        {
            var url = queue.Dequeue();
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var page = await response.ParseAsync();
            foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("form"))
            {
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                if (action.Contains("/Account/Logout", StringComparison.OrdinalIgnoreCase) || action.StartsWith("/Language", StringComparison.OrdinalIgnoreCase)) continue;
                if (actions.Add(action.Split('?')[0] + "|" + form.Method)) forms.Add((url, form));
            }
            foreach (var href in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!href.StartsWith('/') || href.StartsWith("//") || href.Contains("/Download", StringComparison.OrdinalIgnoreCase)
                    || href.Contains("/File", StringComparison.OrdinalIgnoreCase) || href.Contains("/Pdf", StringComparison.OrdinalIgnoreCase)) continue;
                var path = href.Split('#')[0];
                if (seen.Count < 120 && seen.Add(path)) queue.Enqueue(path);
            }
        }
        return forms;
    }

    private static string ValueOf(IHtmlFormElement form, string name) => form.Elements.OfType<IHtmlElement>()
        .Where(e => e.GetAttribute("name") == name)
        .Select(e => e switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlTextAreaElement area => area.Value,
            IHtmlSelectElement select => select.Value ?? "",
            _ => e.GetAttribute("value") ?? "",
        }).FirstOrDefault() ?? "";

    private static Uri Target(IHtmlFormElement form, string page) =>
        new(new Uri("https://localhost"), new Uri(form.GetAttribute("action") is { Length: > 0 } a ? a : page, UriKind.RelativeOrAbsolute));

    private static MultipartFormDataContent Multipart(Dictionary<string, string> values)
    {
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in values) body.Add(new StringContent(value), name);
        return body;
    }

    private async Task<List<(Guid, uint)>> VersionsAsync()
    {
        await using var db = app.Db();
        return (await db.Applications.OrderBy(a => a.Id).Select(a => new { a.Id, a.Version }).ToListAsync()).Select(a => (a.Id, a.Version)).ToList();
    }
}
