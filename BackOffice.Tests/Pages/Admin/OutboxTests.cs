using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Admin;

public class OutboxTests(MailFactory app) : IClassFixture<MailFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetMailAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The server stays down for all of the message's attempts (MailFactory: 3), so it ends failed.</summary>
    private async Task<OutboxMessage> FailedMessageAsync()
    {
        var message = (await app.QueueMailsAsync(1)).Single();
        await app.Smtp.StopAsync();
        for (var i = 0; i < 3; i++)
        {
            await app.Sender().ProcessBatchAsync();
            app.Clock.Advance(TimeSpan.FromHours(1));
        }
        await app.Smtp.StartAsync();
        return await app.ReloadMailAsync(message.Id);
    }

    [Fact]
    public async Task Get_ListsAFailedMessage_WithItsLastErrorAndAttempts_AndTheRecipientsDomainOnly()
    {
        var failed = await FailedMessageAsync();
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var page = await client.GetDocumentAsync("/Admin/Outbox");

        Assert.Equal(OutboxStatus.Failed, failed.Status);
        var row = page.QuerySelector($"#outbox tr[data-id='{failed.Id}']") ?? throw new InvalidOperationException("The failed message is not listed");
        Assert.Equal("…@example.test", row.Text(".outbox-domain"));
        Assert.Contains(failed.MessageId, row.TextContent);
        Assert.Equal("3", row.Text(".outbox-attempts"));
        Assert.Contains("refused", row.Text(".outbox-error"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("applicant1", row.TextContent);
        Assert.DoesNotContain(failed.RegistryNumber!, row.TextContent);
    }

    [Theory]
    [InlineData(OutboxStatus.Failed)]
    [InlineData(OutboxStatus.Pending)]
    [InlineData(OutboxStatus.Sent)]
    public async Task Get_ShowsNoAddressRegistryNumberOrKindOfMessage_NotEvenInTheError(OutboxStatus status)
    {
        var refused = OutboxMessage.Create(MailTemplate.ApplicationRefused, "anna.lindholm@example.fi", "sv", "BO/2026/812345",
            new Dictionary<string, string?> { ["name"] = "Anna Lindholm" }, app.Clock.GetUtcNow());
        var issued = OutboxMessage.Create(MailTemplate.CertificateIssued, "mikko.makinen@posti.example", "fi", "BO/2026/812346",
            new Dictionary<string, string?> { ["name"] = "Mikko Mäkinen" }, app.Clock.GetUtcNow());
        switch (status)
        {
            case OutboxStatus.Failed:
                refused.MarkFailedAttempt("SmtpCommandException: 5.1.1 <anna.lindholm@example.fi>: Recipient address rejected: User unknown",
                    app.Clock.GetUtcNow(), 8, TimeSpan.FromMinutes(1), permanent: true);
                issued.MarkFailedAttempt("MailTemplateException: The 'certificateNumber' value of the 'certificate-issued' mail is missing.",
                    app.Clock.GetUtcNow(), 8, TimeSpan.FromMinutes(1), permanent: true);
                break;
            case OutboxStatus.Sent:
                refused.MarkSent(app.Clock.GetUtcNow());
                issued.MarkSent(app.Clock.GetUtcNow());
                break;
        }
        await using (var db = app.Db())
        {
            db.OutboxMessages.AddRange(refused, issued);
            await db.SaveChangesAsync();
        }
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var response = await client.GetAsync($"/Admin/Outbox?status={status}");

        var html = await response.Content.ReadAsStringAsync();
        var page = await response.ParseAsync();
        Assert.Equal(["…@example.fi", "…@posti.example"], page.QuerySelectorAll("#outbox .outbox-domain").Select(d => d.TextContent).Order());
        foreach (var secret in new[] { "anna.lindholm", "mikko.makinen", "BO/2026/81234", "Lindholm", "Mäkinen",
                     "application-refused", "certificate-issued", "Application refused", "Certificate issued" })
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        if (status == OutboxStatus.Failed)
        {
            Assert.Contains("5.1.1 <…@example.fi>: Recipient address rejected", page.Text($"tr[data-id='{refused.Id}'] .outbox-error"));
            Assert.Contains("The 'certificateNumber' value of the '…' mail is missing.", page.Text($"tr[data-id='{issued.Id}'] .outbox-error"));
        }
    }

    [Fact]
    public async Task PostRetry_SendsTheFailedMessage_AndIsAudited()
    {
        var failed = await FailedMessageAsync();
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var response = await client.SubmitFormAsync("/Admin/Outbox", [], $"form.outbox-retry[action*='{failed.Id}']");
        var result = await app.Sender().ProcessBatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("The message to …@example.test will be sent again shortly.", (await client.GetDocumentAsync(response.Headers.Location!.OriginalString)).Text("[data-testid=flash-message]"));
        Assert.Equal(1, result.Sent);
        Assert.Equal(failed.MessageId, Assert.Single(app.Smtp.Messages()).MessageId);
        Assert.Equal(OutboxStatus.Sent, (await app.ReloadMailAsync(failed.Id)).Status);
        await using var db = app.Db();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "outbox.retried");
        Assert.Equal(("Pekka Nieminen", failed.Id.ToString()), (audit.ActorName, audit.EntityId));
    }

    [Fact]
    public async Task PostRetry_WhenSomeoneRetriedItMeanwhile_SaysOnlyFailedMessagesCanBeRetried()
    {
        var failed = await FailedMessageAsync();
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var page = await client.GetDocumentAsync("/Admin/Outbox");
        await using (var db = app.Db())
        {
            var message = await db.OutboxMessages.SingleAsync(m => m.Id == failed.Id);
            message.Retry(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>($"form.outbox-retry[action*='{failed.Id}']")!, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only a failed message can be retried.", (await response.ParseAsync()).Text("[role=alert]"));
    }

    [Fact]
    public async Task Get_WithStatusSent_ListsSentMessages_AndNotFailedOnes()
    {
        var failed = await FailedMessageAsync();
        var sent = (await app.QueueMailsAsync(1, to: "sent@example.test")).Single();
        await app.Sender().ProcessBatchAsync();
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var page = await client.GetDocumentAsync("/Admin/Outbox?status=Sent");

        Assert.NotNull(page.QuerySelector($"#outbox tr[data-id='{sent.Id}']"));
        Assert.Null(page.QuerySelector($"#outbox tr[data-id='{failed.Id}']"));
        Assert.Empty(page.QuerySelectorAll("form.outbox-retry"));
    }

    [Fact]
    public async Task Get_IsAudited_BecauseErrorsAreFreeTextFromOtherServers()
    {
        var client = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        await client.GetDocumentAsync("/Admin/Outbox?status=Pending");

        await using var db = app.Db();
        Assert.Contains(await db.AuditEvents.AsNoTracking().Where(e => e.Action == "outbox.viewed").Select(e => e.Details).ToListAsync(),
            d => d.Contains("\"Pending\""));
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task Get_ForOtherRoles_Returns403(string role)
    {
        var client = await app.SignInAsRoleAsync(role);

        var response = await client.GetAsync("/Admin/Outbox");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
