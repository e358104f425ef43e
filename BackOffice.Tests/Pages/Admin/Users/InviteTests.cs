using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Text.RegularExpressions;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Admin.Users;

/// <summary>Inviting staff: the mail through the outbox and the SMTP sink, its link good once and until it expires; bad input stores nothing.</summary>
public partial class InviteTests(MailFactory app) : IClassFixture<MailFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetMailAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> InviteAsync(string name, string email, string language = "en", params string[] roles)
    {
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var page = await admin.GetDocumentAsync("/Admin/Users/Invite");
        var form = page.QuerySelector<IHtmlFormElement>("main form")!;
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>("input[type=checkbox]")) box.IsChecked = roles.Contains(box.Value);
        return await admin.SubmitAsync(form, new() { ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Language"] = language });
    }

    /// <summary>The mail the sender delivered to the sink for that address, and the set-password link in it.</summary>
    private async Task<(MimeKit.MimeMessage Mail, string Link)> DeliveredAsync(string email)
    {
        await app.Sender().ProcessBatchAsync();
        var mail = app.Smtp.Messages().Last(m => m.To.Mailboxes.Any(b => b.Address == email));
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.NotEmpty(link);
        return (mail, new Uri(link).PathAndQuery);
    }

    [Fact]
    public async Task Invite_MailsALink_ThatSetsThePasswordOnce_AndThePersonSignsIn()
    {
        var response = await InviteAsync("Sofia Lindholm", "sofia.lindholm@test.example", "sv", Roles.Reviewer, Roles.Auditor);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using (var db = app.Db())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "sofia.lindholm@test.example");
            Assert.Null(user.PasswordHash);
            Assert.Equal("sv", user.PreferredLanguage);
            var outbox = await db.OutboxMessages.SingleAsync(m => m.ToAddress == "sofia.lindholm@test.example");
            Assert.Equal(MailTemplate.StaffInvitation, outbox.Template);
        }
        var (mail, link) = await DeliveredAsync("sofia.lindholm@test.example");
        Assert.Equal("BackOffice: ange lösenordet för ditt personalkonto", mail.Subject);
        Assert.StartsWith("/Account/SetPassword?token=", link);

        var visitor = app.NewClient();
        var page = await visitor.GetDocumentAsync(link);
        Assert.Contains("Sofia Lindholm", page.Text("[data-testid=whose]"));
        // Someone else opened the same link meanwhile, and submits after the person.
        var other = app.NewClient();
        var staleForm = (await other.GetDocumentAsync(link)).QuerySelector<IHtmlFormElement>("main form")!;
        var set = await visitor.SubmitFormAsync(link, new() { ["Password"] = "Ny-Lösen-2026-x", ["Repeat"] = "Ny-Lösen-2026-x" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/Account/Login", set.Headers.Location!.OriginalString);

        var signedIn = await visitor.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "sofia.lindholm@test.example", ["Input.Password"] = "Ny-Lösen-2026-x" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var home = await visitor.GetDocumentAsync("/");
        Assert.Equal("sv", home.DocumentElement.GetAttribute("lang")); // the invitation's language, remembered

        // The same link again: used.
        var again = await app.NewClient().GetDocumentAsync(link);
        Assert.Contains("already been used", again.Text("[data-testid=link-refused]"));
        var reuse = await other.SubmitAsync(staleForm, new() { ["Password"] = "Someone-Else-2026", ["Repeat"] = "Someone-Else-2026" });
        Assert.Equal(HttpStatusCode.OK, reuse.StatusCode);
        Assert.Contains("already been used", (await reuse.ParseAsync()).Text("[data-testid=link-refused]"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().SubmitFormAsync("/Account/Login",
            new() { ["Input.Email"] = "sofia.lindholm@test.example", ["Input.Password"] = "Ny-Lösen-2026-x" })).StatusCode);

        await using var check = app.Db();
        var id = (await check.Users.SingleAsync(u => u.Email == "sofia.lindholm@test.example")).Id;
        var events = await app.AccountEventsAsync(id);
        Assert.Equal([AuditActions.StaffInvited, AuditActions.StaffPasswordSet, AuditActions.SignIn, AuditActions.SignIn], events);
    }

    [Fact]
    public async Task ThePasswordRules_AreSaid_AndTheLinkStaysGood()
    {
        await InviteAsync("Tuomas Rule", "tuomas.rule@test.example", "fi", Roles.Administrator);
        var (_, link) = await DeliveredAsync("tuomas.rule@test.example");
        var visitor = app.NewClient();

        var shortOne = await (await visitor.SubmitFormAsync(link, new() { ["Password"] = "short", ["Repeat"] = "short" })).ParseAsync();
        Assert.Contains("at least 12 characters", shortOne.Text("[data-testid=error-Password]"));
        var mismatch = await (await visitor.SubmitFormAsync(link, new() { ["Password"] = "Long-Enough-2026", ["Repeat"] = "Long-Enough-2027" })).ParseAsync();
        Assert.Equal("The two passwords are not the same.", mismatch.Text("[data-testid=error-Repeat]"));
        Assert.Equal("", mismatch.QuerySelector<IHtmlInputElement>("#Password")!.Value);

        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitFormAsync(link, new() { ["Password"] = "Long-Enough-2026", ["Repeat"] = "Long-Enough-2026" })).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLink_SaysSo_AndSetsNothing()
    {
        await InviteAsync("Ville Late", "ville.late@test.example", "en", Roles.Administrator);
        var (_, link) = await DeliveredAsync("ville.late@test.example");
        var visitor = app.NewClient();
        var form = (await visitor.GetDocumentAsync(link)).QuerySelector<IHtmlFormElement>("main form")!;
        app.Clock.Advance(TimeSpan.FromHours(73)); // the link is good for 72 hours

        var page = await visitor.GetDocumentAsync(link);
        var refusal = page.Text("[data-testid=link-refused]");
        Assert.Contains("This link has expired.", refusal);
        Assert.Contains("Ask a System administrator of the office to send you a new link.", refusal);
        var late = await visitor.SubmitAsync(form, new() { ["Password"] = "Too-Late-2026-x", ["Repeat"] = "Too-Late-2026-x" });
        Assert.Contains("This link has expired.", (await late.ParseAsync()).Text("[data-testid=link-refused]"));
        await using var db = app.Db();
        Assert.Null((await db.Users.SingleAsync(u => u.Email == "ville.late@test.example")).PasswordHash);
    }

    [Fact]
    public async Task ANewLink_ReplacesTheOldOne()
    {
        var invited = await InviteAsync("Kalle Again", "kalle.again@test.example", "en", Roles.Auditor);
        var (_, first) = await DeliveredAsync("kalle.again@test.example");
        app.Smtp.ClearMailbox();
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var details = invited.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(details, [], formSelector: "form[data-testid=send-link-form]")).StatusCode);
        var (_, second) = await DeliveredAsync("kalle.again@test.example");

        Assert.NotEqual(first, second);
        Assert.Contains("A newer link has been sent", (await app.NewClient().GetDocumentAsync(first)).Text("[data-testid=link-refused]"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().SubmitFormAsync(second, new() { ["Password"] = "Second-Link-2026", ["Repeat"] = "Second-Link-2026" })).StatusCode);
    }

    [Fact]
    public async Task AnUnknownToken_SaysTheLinkIsNotValid()
    {
        var page = await app.NewClient().GetDocumentAsync("/Account/SetPassword?token=" + new string('x', 43));
        Assert.Contains("This link is not valid", page.Text("[data-testid=link-refused]"));
        var none = await app.NewClient().GetDocumentAsync("/Account/SetPassword");
        Assert.Contains("This link is not valid", none.Text("[data-testid=link-refused]"));
    }

    [Theory]
    [InlineData("admin@test.example", new[] { Roles.Administrator }, "This e-mail address already has an account.")]
    [InlineData("ADMIN@TEST.EXAMPLE", new[] { Roles.Administrator }, "This e-mail address already has an account.")]
    [InlineData("new.person@test.example", new[] { Roles.SystemAdministrator, Roles.Reviewer }, "A System administrator cannot also be a certificate administrator, reviewer or auditor (separation of duties). Choose either System administrator or the case roles.")]
    [InlineData("new.person@test.example", new string[0], "Choose at least one role.")]
    [InlineData("not-an-address", new[] { Roles.Reviewer }, "Enter a valid e-mail address.")]
    public async Task Invite_WithBadInput_SaysWhy_KeepsWhatWasTyped_AndStoresNothing(string email, string[] roles, string message)
    {
        await using var before = app.Db();
        var users = await before.Users.CountAsync();
        var mails = await before.OutboxMessages.CountAsync();

        var response = await InviteAsync("Uusi Henkilö", email, "en", roles);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("main")!.TextContent);
        Assert.Equal("Uusi Henkilö", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal(roles.Order(), page.QuerySelectorAll<IHtmlInputElement>("input[type=checkbox]").Where(c => c.IsChecked).Select(c => c.Value).Order());
        await using var after = app.Db();
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.Equal(mails, await after.OutboxMessages.CountAsync());
    }

    [GeneratedRegex(@"https?://\S+/Account/SetPassword\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();
}
