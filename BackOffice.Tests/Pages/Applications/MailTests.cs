using System.Net;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Applications;

/// <summary>The mail to applicants in full, for Administrators only (System administrators see it without content at /Admin/Outbox).</summary>
public class MailTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    /// <summary>An "issuance cancelled" mail about a registered application, saved in <paramref name="status"/>.</summary>
    private async Task<(OutboxMessage Message, Guid ApplicationId)> MailAsync(OutboxStatus status, string to)
    {
        var (applicationId, registryNumber) = await app.RegisterApplicationAsync(to, "sv");
        var message = OutboxMessage.Create(MailTemplate.IssuanceCancelled, to, "sv", registryNumber,
            new Dictionary<string, string?> { ["name"] = "Anna Lindholm" }, app.Clock.GetUtcNow());
        if (status == OutboxStatus.Failed)
            message.MarkFailedAttempt($"SmtpCommandException: 5.1.1 <{to}>: Recipient address rejected", app.Clock.GetUtcNow(), 8, TimeSpan.FromMinutes(1), permanent: true);
        if (status == OutboxStatus.Sent) message.MarkSent(app.Clock.GetUtcNow());
        await using var db = app.Db();
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return (message, applicationId);
    }

    [Fact]
    public async Task Get_AsAdministrator_ShowsRecipientKindOfMessage_AndTheRegistryNumberLinkedToTheApplication()
    {
        var (sent, applicationId) = await MailAsync(OutboxStatus.Sent, "anna.lindholm@example.fi");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await client.GetDocumentAsync("/Applications/Mail?status=Sent");

        var row = page.QuerySelector($"#mail tr[data-id='{sent.Id}']") ?? throw new InvalidOperationException("The sent message is not listed");
        Assert.Equal("anna.lindholm@example.fi", row.Text(".mail-recipient"));
        Assert.Equal("Issuance cancelled", row.Text(".mail-template"));
        var link = row.QuerySelector(".mail-application a")!;
        Assert.Equal((sent.RegistryNumber, $"/Applications/{applicationId}"), (link.TextContent, link.GetAttribute("href")));
    }

    [Fact]
    public async Task Get_ByDefault_ListsFailedMail_WithTheWholeError()
    {
        var (failed, _) = await MailAsync(OutboxStatus.Failed, "wrong.address@example.fi");
        var (sent, _) = await MailAsync(OutboxStatus.Sent, "right.address@example.fi");
        var client = await app.SignInAsRoleAsync(Roles.Administrator);

        var page = await client.GetDocumentAsync("/Applications/Mail");

        Assert.Equal("SmtpCommandException: 5.1.1 <wrong.address@example.fi>: Recipient address rejected", page.Text($"#mail tr[data-id='{failed.Id}'] .mail-error"));
        Assert.Null(page.QuerySelector($"#mail tr[data-id='{sent.Id}']"));
    }

    [Fact]
    public async Task Get_IsAudited_AsAViewOfTheMail()
    {
        var client = await app.SignInAsync("admin2@test.example");

        await client.GetDocumentAsync("/Applications/Mail?status=Pending");

        await using var db = app.Db();
        var viewed = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "mail.viewed").ToListAsync();
        Assert.Contains(viewed, e => e.ActorName == "Nikos Alexiou" && e.Details.Contains("\"Pending\""));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task Get_ForOtherRoles_Returns403(string role)
    {
        var client = await app.SignInAsRoleAsync(role);

        var response = await client.GetAsync("/Applications/Mail");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
