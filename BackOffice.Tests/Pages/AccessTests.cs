using System.Net;
using System.Text.RegularExpressions;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages;

/// <summary>Every page is authorised on the server, and the navigation shows each role exactly what it may open.</summary>
public partial class AccessTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static readonly string[] OpenPages =
    [
        "/Account/Login", "/Account/AccessDenied", "/Error", "/Language",
        // The steps of signing in and the set-password link (issue 14).
        "/Account/TwoFactor", "/Account/RecoveryCode", "/Account/SetPassword",
        // The secure messages' public pages (issue 15).
        .. BackOffice.Web.Pages.Secure.Conventions.OpenPages,
    ];

    /// <summary>The public pages of the secure messages that need a verified sender: they send a visitor to ask for a link, not to staff sign-in.</summary>
    private static bool IsSenderPage(string page) => page.StartsWith("/Secure/", StringComparison.Ordinal);

    public static TheoryData<string> Roles => new(BackOffice.Data.Domain.Staff.Roles.All);

    private IEnumerable<(string Page, string Route, bool Anonymous)> PageRoutes()
    {
        _ = app.Server; // builds the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => (e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath, "/" + (e.RoutePattern.RawText ?? ""),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .DistinctBy(p => p.Item1);
    }

    [Fact]
    public async Task EveryPageButTheOpenOnes_SendsAnonymousVisitorsToSignIn()
    {
        var client = app.NewClient();
        var pages = PageRoutes().ToList();
        Assert.NotEmpty(pages);
        foreach (var (page, route, anonymous) in pages)
        {
            Assert.True(anonymous == OpenPages.Contains(page), $"{page}: AllowAnonymous is {anonymous}");
            if (anonymous) continue;
            var url = RouteParameter().Replace(route, Guid.NewGuid().ToString());
            var response = await client.GetAsync(url);
            var signIn = IsSenderPage(page) ? "/Secure?returnUrl=" : "/Account/Login";
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith(signIn),
                $"{url} answered {(int)response.StatusCode} ({response.Headers.Location}) to an anonymous visitor");
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Navigation_ShowsWhatTheRoleMayOpen_AndTheServerAgrees(string role)
    {
        var client = await app.SignInAsRoleAsync(role);
        var shown = (await client.GetDocumentAsync("/")).QuerySelectorAll("[data-testid=nav] a")
            .Select(a => a.GetAttribute("href")!).ToList();
        var links = app.Services.GetRequiredService<LinkGenerator>();
        foreach (var item in Navigation.Items)
        {
            var url = links.GetPathByPage(item.Page) ?? throw new InvalidOperationException($"No URL for {item.Page}");
            var allowed = item.Roles.Count == 0 || item.Roles.Contains(role);
            Assert.Equal(allowed, shown.Contains(url));
            var status = (await client.GetAsync(url)).StatusCode;
            Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, status);
        }
    }

    [Fact]
    public async Task AccessDeniedPage_Answers403WithAnExplanation()
    {
        var client = await app.SignInAsRoleAsync(BackOffice.Data.Domain.Staff.Roles.Auditor);
        var response = await client.GetAsync("/Account/AccessDenied");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Your roles do not allow this page", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LanguageSwitch_ShowsThePagesInFinnishAndSwedish()
    {
        var client = await app.SignInAsRoleAsync(BackOffice.Data.Domain.Staff.Roles.Administrator);
        var response = await client.SubmitFormAsync("/", new() { ["language"] = "fi", ["returnUrl"] = "/" }, "form[action='/Language']");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var home = await client.GetDocumentAsync("/");
        Assert.Equal("fi", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Tervetuloa, Maria Virtanen", home.Text("main h1"));

        await client.SubmitFormAsync("/", new() { ["language"] = "sv", ["returnUrl"] = "/" }, "form[action='/Language']");
        Assert.Equal("Välkommen, Maria Virtanen", (await client.GetDocumentAsync("/")).Text("main h1"));
        // Written as characters, not numeric entities: pages stay readable and searchable in any script.
        Assert.Contains("<h1 class=\"govuk-heading-l\">Välkommen, Maria Virtanen</h1>", await (await client.GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LanguageSwitch_IgnoresAReturnUrlOffTheSite()
    {
        var client = app.NewClient();
        var response = await client.SubmitFormAsync("/Account/Login", new() { ["language"] = "sv", ["returnUrl"] = "https://evil.example/" }, "form[action='/Language']");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
