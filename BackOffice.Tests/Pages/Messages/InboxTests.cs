using System.Net;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Messages;

/// <summary>The office's inbox: Administrators only, unread first, the counts, each opening audited.</summary>
public class InboxTests(SecureMessagesFactory app) : IClassFixture<SecureMessagesFactory>
{
    [Fact]
    public async Task Inbox_ListsUnreadFirst_ThenNewest_AndCountsThem()
    {
        var at = app.Clock.GetUtcNow();
        await app.MessageAsync("Old unread", at: at.AddDays(-3));
        var newRead = await app.MessageAsync("New but read", at: at.AddHours(-1));
        await app.MessageAsync("New unread", at: at.AddHours(-2));
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        await client.GetAsync($"/Messages/{newRead.Id}"); // opening it marks it read

        var inbox = await client.GetDocumentAsync("/Messages");

        var subjects = inbox.QuerySelectorAll("[data-testid=inbox-row] td:nth-child(3) a").Select(a => a.TextContent).ToList();
        Assert.True(subjects.IndexOf("New unread") < subjects.IndexOf("Old unread") && subjects.IndexOf("Old unread") < subjects.IndexOf("New but read"), string.Join(" | ", subjects));
        await using var db = app.Db();
        var unread = await db.SecureMessages.CountAsync(m => m.FirstReadAt == null && m.HandledAt == null);
        Assert.Equal($"Unread: {unread}", inbox.Text("[data-testid=unread-count]"));
    }

    [Fact]
    public async Task TheNavigation_CountsTheUnreadOpenMessages_AndOpeningOrHandlingOneLowersIt()
    {
        var first = await app.MessageAsync("Counted in the navigation");
        var second = await app.MessageAsync("Counted too");
        await app.MessageAsync("Still unread");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        async Task<int> CountAsync()
        {
            var entry = (await client.GetDocumentAsync("/")).QuerySelector("[data-testid=nav] a[data-nav='/Messages/Index']")
                ?? throw new InvalidOperationException("no Secure messages entry");
            var digits = System.Text.RegularExpressions.Regex.Match(entry.QuerySelector(".app-count")?.TextContent ?? "", @"\d+").Value;
            return digits.Length == 0 ? 0 : int.Parse(digits);
        }
        int Unread()
        {
            using var db = app.Db();
            return db.SecureMessages.Count(m => m.FirstReadAt == null && m.HandledAt == null);
        }
        var before = Unread();
        Assert.True(before >= 3);
        Assert.Equal(before, await CountAsync());

        await client.GetAsync($"/Messages/{first.Id}"); // read
        Assert.Equal(before - 1, await CountAsync());
        await client.SubmitFormAsync($"/Messages/{second.Id}", [], "form[action*='handler=Handled']"); // opened, then handled
        Assert.Equal(before - 2, await CountAsync());
    }

    [Fact]
    public async Task Inbox_Handled_ListsTheHandledOnesOnly()
    {
        var handled = await app.MessageAsync("Finished business");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        await client.SubmitFormAsync($"/Messages/{handled.Id}", [], "form[action*='handler=Handled']");

        var open = await client.GetDocumentAsync("/Messages");
        var done = await client.GetDocumentAsync("/Messages?show=Handled");

        Assert.DoesNotContain("Finished business", open.Body!.TextContent);
        Assert.Contains("Finished business", done.Text("[data-testid=inbox]"));
    }

    [Fact]
    public async Task Inbox_OpeningIsAudited()
    {
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        await client.GetAsync("/Messages");
        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.MessagesViewed && e.ActorName == "Maria Virtanen"));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task OtherRoles_Get403_OnTheInbox_AMessage_AndAnAttachment(string role)
    {
        var message = await app.MessageAsync("Not for everyone", files: ("scan.pdf", Support.Applications.Pdf()));
        var client = await app.SignInAsRoleAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Messages/{message.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Messages/{message.Id}/Attachments/{message.Attachments[0].Id}")).StatusCode);
        await using var db = app.Db();
        Assert.Null((await db.SecureMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id)).FirstReadAt);
    }

    [Fact]
    public async Task ASender_WithoutStaffSignIn_IsSentToTheStaffSignIn()
    {
        var sender = await app.VerifiedSenderAsync("curious@example.fi");
        var response = await sender.GetAsync("/Messages");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
