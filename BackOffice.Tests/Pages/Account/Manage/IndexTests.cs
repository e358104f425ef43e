using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Pages.Account.Manage;

/// <summary>The person's own account page: name, roles, the language remembered for the next sign-in, two-factor state, passkeys, recent sign-ins.</summary>
public class IndexTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task ShowsTheAccount_ItsSecondFactors_AndItsOwnRecentSignIns()
    {
        var staff = await app.NewStaffAsync("Matti Manage", Roles.Administrator, Roles.Auditor);
        await app.NewClient().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = "not-the-password" });
        var client = await app.SignInAsync(staff.Email!);

        var page = await client.GetDocumentAsync("/Account/Manage");

        Assert.Equal("Matti Manage", page.Text("[data-testid=name]"));
        Assert.Equal("Certificate administrator, Auditor", page.Text("[data-testid=roles]"));
        Assert.Equal("Off: you have not set up an authenticator app.", page.Text("[data-testid=two-factor-state]"));
        Assert.Equal("Passkeys on your account: 0.", page.Text("[data-testid=passkey-count]"));
        var signIns = page.QuerySelectorAll("[data-testid=sign-ins] tbody tr td:last-child").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal($"Matti Manage signed in with the password", signIns[0]);
        Assert.Equal($"A sign-in as {staff.Email} failed: wrong e-mail or password", signIns[1]);
        // Someone else's sign-ins are not there.
        Assert.DoesNotContain(signIns, s => s.Contains("Maria Virtanen"));

        await app.EnrolAsync(client);
        var after = await client.GetDocumentAsync("/Account/Manage");
        Assert.Equal("On: you sign in with your password and a code from your authenticator app. Recovery codes left: 10.", after.Text("[data-testid=two-factor-state]"));
    }

    [Fact]
    public async Task TheLanguageChosen_IsRememberedAndUsedAtTheNextSignIn()
    {
        var staff = await app.NewStaffAsync("Kielo Kieli", Roles.Reviewer);
        var client = await app.SignInAsync(staff.Email!);
        var form = (await client.GetDocumentAsync("/Account/Manage")).QuerySelector<IHtmlFormElement>("form[data-testid=language-form]")!;
        var saved = await client.SubmitAsync(form, new() { ["Language"] = "fi" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("fi", (await client.GetDocumentAsync("/Account/Manage")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("fi", (await app.ReloadStaffAsync(staff.Id)).PreferredLanguage);

        // Another browser, with no language cookie and asking for English: the pages are in Finnish once signed in.
        var elsewhere = app.NewClient();
        elsewhere.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        await elsewhere.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = staff.Email!, ["Input.Password"] = TestDatabase.Password });
        Assert.Equal("fi", (await elsewhere.GetDocumentAsync("/")).DocumentElement.GetAttribute("lang"));

        // The header's switch changes this browser only; the account keeps the language chosen on its page.
        await elsewhere.SubmitFormAsync("/", new() { ["language"] = "sv", ["returnUrl"] = "/" }, "form[action='/Language']");
        Assert.Equal("sv", (await elsewhere.GetDocumentAsync("/")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("fi", (await app.ReloadStaffAsync(staff.Id)).PreferredLanguage);
    }

    [Fact]
    public async Task AnUnknownLanguage_IsRefusedOnThePage()
    {
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var form = (await client.GetDocumentAsync("/Account/Manage")).QuerySelector<IHtmlFormElement>("form[data-testid=language-form]")!;
        var response = await client.SubmitAsync(form, new() { ["Language"] = "de" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choose English, Swedish or Finnish.", (await response.ParseAsync()).Text("[data-testid=errors]"));
    }

    [Fact]
    public async Task TheAccountPage_NeedsASession()
    {
        foreach (var url in new[] { "/Account/Manage", "/Account/Manage/Authenticator", "/Account/Manage/RecoveryCodes", "/Account/Manage/Passkeys" })
            Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync(url)).StatusCode);
    }
}
