using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Messages;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.SecureMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Infrastructure.SecureMessages;

/// <summary>Retention: handled messages two years on are purged with their files and audited; nothing else is touched.</summary>
public class MessageRetentionTests(SecureMessagesFactory app) : IClassFixture<SecureMessagesFactory>
{
    private static readonly Actor Maria = new(null, "Maria Virtanen");

    private async Task<RetentionResult> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MessageRetention>().RunAsync();
    }

    private async Task HandleAsync(Guid id, DateTimeOffset at, bool reply = false)
    {
        await using var db = app.Db();
        var message = await db.SecureMessages.Include(m => m.Replies).SingleAsync(m => m.Id == id);
        if (reply) message.Reply("Done.", "https://localhost/x", null, Maria, at);
        message.MarkHandled(Maria, at);
        await db.SaveChangesAsync();
    }

    private string PathOf(string key) => app.Services.GetRequiredService<DocumentStore>().PathOf(key);

    [Fact]
    public async Task AMessageHandledMoreThanTwoYearsAgo_IsPurgedWithItsFilesAndAnswers_AndThePurgeIsAudited()
    {
        var application = await app.ApplicationAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var now = app.Clock.GetUtcNow();
        var old = await app.MessageAsync("Old business", route: new CaseLink(application.PersonId, application.Id, application.RegistryNumber),
            at: now.AddYears(-3), files: ("scan.pdf", Support.Applications.Pdf()));
        await HandleAsync(old.Id, now.AddDays(-731), reply: true);
        var recent = await app.MessageAsync("Handled last year", at: now.AddYears(-1), files: ("keep.pdf", Support.Applications.Pdf()));
        await HandleAsync(recent.Id, now.AddDays(-365));
        var open = await app.MessageAsync("Old but never handled", at: now.AddYears(-4));

        var result = await RunAsync();

        Assert.True(result.Messages >= 1 && result.Files >= 1);
        await using var db = app.Db();
        Assert.False(await db.SecureMessages.AnyAsync(m => m.Id == old.Id));
        Assert.False(await db.MessageReplies.AnyAsync(r => r.MessageId == old.Id));
        Assert.False(await db.MessageAttachments.AnyAsync(a => a.MessageId == old.Id));
        Assert.False(File.Exists(PathOf(old.Attachments[0].StorageKey)));
        Assert.True(await db.SecureMessages.AnyAsync(m => m.Id == recent.Id));
        Assert.True(File.Exists(PathOf(recent.Attachments[0].StorageKey)));
        Assert.True(await db.SecureMessages.AnyAsync(m => m.Id == open.Id));
        var purged = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.MessagePurged && e.EntityId == old.Id.ToString());
        Assert.Equal(("Retention", application.PersonId, application.Id), (purged.ActorName, purged.PersonId!.Value, purged.ApplicationId));
        Assert.Contains(old.Reference, purged.Details);
        Assert.True((await app.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<Web.Infrastructure.Audit.AuditTrail>().VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task TheRetentionPeriod_IsASetting()
    {
        using var monthly = app.WithWebHostBuilder(b => b.UseSetting("SecureMessages:RetentionDays", "30"));
        var now = app.Clock.GetUtcNow();
        var message = await app.MessageAsync("A month old", at: now.AddDays(-40));
        await HandleAsync(message.Id, now.AddDays(-31));

        await using (var scope = monthly.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MessageRetention>().RunAsync();

        await using var db = app.Db();
        Assert.False(await db.SecureMessages.AnyAsync(m => m.Id == message.Id));
    }

    [Fact]
    public async Task StrayFiles_ADayOld_InTheMessagesFolder_AreRemoved_ButNamedAndNewOnesKept()
    {
        var named = await app.MessageAsync("Named file", files: ("named.pdf", Support.Applications.Pdf()));
        var store = app.Services.GetRequiredService<DocumentStore>();
        var folder = Path.Combine(store.Root, SecureMessageOptions.AttachmentFolder, "2026", "11");
        Directory.CreateDirectory(folder);
        var stray = Path.Combine(folder, "stray-" + Guid.NewGuid().ToString("N"));
        var part = stray + "-upload.part";
        var fresh = Path.Combine(folder, "fresh-" + Guid.NewGuid().ToString("N"));
        foreach (var f in new[] { stray, part, fresh }) await File.WriteAllTextAsync(f, "x");
        var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        File.SetLastWriteTimeUtc(stray, twoDaysAgo);
        File.SetLastWriteTimeUtc(part, twoDaysAgo);
        File.SetLastWriteTimeUtc(PathOf(named.Attachments[0].StorageKey), twoDaysAgo);

        var result = await RunAsync();

        Assert.True(result.StrayFiles >= 2);
        Assert.False(File.Exists(stray));
        Assert.False(File.Exists(part));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(PathOf(named.Attachments[0].StorageKey)));
    }

    [Fact]
    public async Task LinksADayPastTheirEnd_AreDeleted()
    {
        var now = app.Clock.GetUtcNow();
        await using (var db = app.Db())
        {
            db.SenderVerifications.Add(SenderVerification.Request("gone@example.fi", new string('1', 64), "x", "en", null, now.AddDays(-3)));
            db.SenderVerifications.Add(SenderVerification.Request("recent@example.fi", new string('2', 64), "x", "en", null, now.AddHours(-2)));
            await db.SaveChangesAsync();
        }

        await RunAsync();

        await using var check = app.Db();
        Assert.False(await check.SenderVerifications.AnyAsync(v => v.Email == "gone@example.fi"));
        Assert.True(await check.SenderVerifications.AnyAsync(v => v.Email == "recent@example.fi"));
    }
}
