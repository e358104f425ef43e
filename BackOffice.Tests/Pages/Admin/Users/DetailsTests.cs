using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages.Admin.Users;

/// <summary>One account: roles (separation of duties, effective at the person's next request), disable and enable (live sessions end), reset two-factor, own account refused, stale forms refused.</summary>
public class DetailsTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    private static string Url(StaffUser user) => $"/Admin/Users/{user.Id}";

    private static async Task<HttpResponseMessage> SaveRolesAsync(HttpClient admin, StaffUser user, params string[] roles)
    {
        var form = (await admin.GetDocumentAsync(Url(user))).QuerySelector<IHtmlFormElement>("form[data-testid=roles-form]")!;
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>("input[type=checkbox]")) box.IsChecked = roles.Contains(box.Value);
        return await admin.SubmitAsync(form, []);
    }

    private async Task<List<string>> RolesOfAsync(StaffUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return [.. await users.GetRolesAsync((await users.FindByIdAsync(user.Id.ToString()))!)];
    }

    [Fact]
    public async Task ChangingRoles_AppliesAtThePersonsNextRequest_AndReadsAsASentence()
    {
        var reviewer = await app.NewStaffAsync("Riikka Reviewer", Roles.Reviewer);
        var session = await app.SignInAsync(reviewer.Email!);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Reviews")).StatusCode);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var saved = await SaveRolesAsync(admin, reviewer, Roles.Auditor);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([Roles.Auditor], await RolesOfAsync(reviewer));
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/Reviews")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Persons")).StatusCode);
        var page = await admin.GetDocumentAsync(Url(reviewer));
        Assert.Contains("Pekka Nieminen changed the roles of Riikka Reviewer to Auditor (before: Reviewer)", page.Text("[data-testid=events]"));
        Assert.Contains(AuditActions.StaffRolesChanged, await app.AccountEventsAsync(reviewer.Id));
    }

    [Theory]
    [InlineData(new[] { Roles.SystemAdministrator, Roles.Auditor }, "A System administrator cannot also be")]
    [InlineData(new string[0], "Choose at least one role.")]
    public async Task ARoleCombinationThatBreaksTheRules_IsRefused_AndNothingChanges(string[] roles, string message)
    {
        var admin2 = await app.NewStaffAsync("Antti Admin", Roles.Administrator);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var response = await SaveRolesAsync(admin, admin2, roles);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.Text("[data-testid=errors]"));
        Assert.Equal(roles.Order(), page.QuerySelectorAll<IHtmlInputElement>("form[data-testid=roles-form] input[type=checkbox]").Where(b => b.IsChecked).Select(b => b.Value).Order());
        Assert.Equal([Roles.Administrator], await RolesOfAsync(admin2));
        Assert.DoesNotContain(AuditActions.StaffRolesChanged, await app.AccountEventsAsync(admin2.Id));
    }

    [Fact]
    public async Task Disabling_EndsTheLiveSession_RefusesSignIn_AndEnablingLetsThePersonBackIn()
    {
        var person = await app.NewStaffAsync("Daniel Disabled", Roles.Administrator);
        var session = await app.SignInAsync(person.Email!);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var confirm = await admin.GetDocumentAsync(Url(person) + "?confirm=disable");
        Assert.Contains("Disable the account of Daniel Disabled?", confirm.Text("#disable-question"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(confirm.QuerySelector<IHtmlFormElement>("form[data-testid=disable-form]")!, [])).StatusCode);

        var next = await session.GetAsync("/Persons");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/Account/Login", next.Headers.Location!.PathAndQuery);
        var right = await (await app.NewClient().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email!, ["Input.Password"] = TestDatabase.Password })).ParseAsync();
        Assert.Equal("This account may not sign in. Contact the system administrator.", right.Text("#login-error"));
        // A wrong password is told as for any account: only the right one learns that the account is disabled.
        var wrong = await (await app.NewClient().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email!, ["Input.Password"] = "not-it-at-all" })).ParseAsync();
        Assert.Equal("The e-mail address or the password is wrong.", wrong.Text("#login-error"));
        Assert.Equal("Disabled", (await admin.GetDocumentAsync(Url(person))).Text("[data-testid=state]").Split(' ')[0]);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(Url(person), [], formSelector: "form[data-testid=enable-form]")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(person.Email!)).GetAsync("/Persons")).StatusCode);
        var events = await app.AccountEventsAsync(person.Id);
        Assert.Contains(AuditActions.StaffDisabled, events);
        Assert.Contains(AuditActions.StaffEnabled, events);
    }

    [Fact]
    public async Task ResettingTwoFactor_RemovesTheAppAndCodes_AndEndsTheSessions()
    {
        var person = await app.NewStaffAsync("Liisa Lost-Phone", Roles.Reviewer);
        var session = await app.SignInAsync(person.Email!);
        var enrolment = await app.EnrolAsync(session);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var confirm = await admin.GetDocumentAsync(Url(person) + "?confirm=reset-two-factor");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(confirm.QuerySelector<IHtmlFormElement>("form[data-testid=reset-two-factor-form]")!, [])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/Reviews")).StatusCode);
        var after = await app.ReloadStaffAsync(person.Id);
        Assert.False(after.TwoFactorEnabled);
        // The lost phone's app shows codes of the old key: none is accepted any more, the password alone now signs in.
        var client = app.NewClient();
        var signIn = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email!, ["Input.Password"] = TestDatabase.Password });
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        var newKey = (await client.GetDocumentAsync("/Account/Manage/Authenticator")).Text("[data-testid=key]");
        Assert.NotEqual(enrolment.Key, newKey);
        Assert.Contains(AuditActions.StaffTwoFactorReset, await app.AccountEventsAsync(person.Id));
    }

    [Fact]
    public async Task TheOwnAccount_HasNoForms_AndItsChangesAreRefused()
    {
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        await using var db = app.Db();
        var self = await db.Users.SingleAsync(u => u.Email == TestDatabase.EmailOf(Roles.SystemAdministrator));

        var page = await admin.GetDocumentAsync(Url(self));
        Assert.NotNull(page.QuerySelector("[data-testid=self]"));
        Assert.Null(page.QuerySelector("form[data-testid=roles-form]"));
        Assert.Null(page.QuerySelector("form[data-testid=disable-form]"));

        // A post made by hand (with a valid token from the page) is refused by the rule, not only hidden.
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var post = await admin.PostAsync($"{Url(self)}?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("You cannot change your own roles or access here", (await post.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Null((await app.ReloadStaffAsync(self.Id)).DisabledAt);
    }

    [Fact]
    public async Task AFormShownBeforeAnotherChange_IsRefused_AndShowsTheAccountAsItIsNow()
    {
        var person = await app.NewStaffAsync("Kaisa Contested", Roles.Administrator);
        var first = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var stale = (await first.GetDocumentAsync(Url(person))).QuerySelector<IHtmlFormElement>("form[data-testid=roles-form]")!;
        var second = await app.NewStaffAsync("Toinen Pääkäyttäjä", Roles.SystemAdministrator);
        await SaveRolesAsync(await app.SignInAsync(second.Email!), person, Roles.Administrator, Roles.Reviewer);

        foreach (var box in stale.QuerySelectorAll<IHtmlInputElement>("input[type=checkbox]")) box.IsChecked = box.Value == Roles.Auditor;
        var response = await first.SubmitAsync(stale, []);

        var page = await response.ParseAsync();
        Assert.Contains("Someone changed this account while you were looking at it", page.Text("[data-testid=errors]"));
        Assert.Equal([Roles.Administrator, Roles.Reviewer], (await RolesOfAsync(person)).Order());
        Assert.Equal([Roles.Administrator, Roles.Reviewer], page.QuerySelectorAll<IHtmlInputElement>("form[data-testid=roles-form] input[type=checkbox]").Where(b => b.IsChecked).Select(b => b.Value).Order());
    }

    [Fact]
    public async Task AnUnknownAccount_Is404()
    {
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Users/{Guid.NewGuid()}")).StatusCode);
    }
}
