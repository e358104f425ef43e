using BackOffice.Data.Domain.Outbox;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure.Email;

/// <summary>The outbox sender against a real SMTP server (aiosmtpd) of the test's own.</summary>
public class OutboxSenderTests(MailFactory app) : IClassFixture<MailFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetMailAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CancelIssuance_SendsExactlyOneMail_ToTheApplicant_InTheirLanguage()
    {
        var (id, registryNumber) = await app.RegisterApplicationAsync("anna.lindholm@example.test", "sv");
        await using (var db = app.Db())
        {
            var application = await db.Applications.Include(a => a.Person).Include(a => a.CertificateType)
                .SingleAsync(a => a.Id == id);
            application.CancelIssuance(MailBuilders.Clerk, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var row = await app.Db().OutboxMessages.AsNoTracking().SingleAsync();

        var result = await app.Sender().ProcessBatchAsync();
        var again = await app.Sender().ProcessBatchAsync();

        Assert.Equal((1, 0), (result.Sent, again.Claimed));
        var mail = Assert.Single(app.Smtp.Messages());
        Assert.Equal("anna.lindholm@example.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.Equal($"Ansökan {registryNumber}: utfärdandet har avbrutits", mail.Subject);
        Assert.StartsWith("Hej Anna Lindholm,", mail.TextBody);
        Assert.Contains("Medborgarcertifikat", mail.TextBody);
        Assert.Contains($"ansökan {registryNumber} har avbrutits", mail.HtmlBody);
        Assert.Equal("no-reply@backoffice.test", Assert.Single(mail.From.Mailboxes).Address);
        var sent = await app.ReloadMailAsync(row.Id);
        Assert.Equal((OutboxStatus.Sent, 1), (sent.Status, sent.Attempts));
    }

    [Fact]
    public async Task ServerDown_MailsWait_AndArriveExactlyOnceWhenItIsBack()
    {
        var queued = await app.QueueMailsAsync(3);
        await app.Smtp.StopAsync();

        var whileDown = await app.Sender().ProcessBatchAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var stillDown = await app.Sender().ProcessBatchAsync();

        Assert.Equal((0, 1), (whileDown.Sent, whileDown.Failed));
        Assert.Equal((0, 1), (stillDown.Sent, stillDown.Failed));
        await using (var db = app.Db())
        {
            var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
            Assert.All(rows, r => Assert.Equal(OutboxStatus.Pending, r.Status));
            Assert.Contains(rows, r => r.Attempts == 1 && r.LastError!.Contains("refused", StringComparison.OrdinalIgnoreCase)
                && r.NextAttemptAt > app.Clock.GetUtcNow());
        }

        await app.Smtp.StartAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var back = await app.Sender().ProcessBatchAsync();
        var after = await app.Sender().ProcessBatchAsync();

        Assert.Equal((3, 0), (back.Sent, after.Claimed));
        Assert.Equal(queued.Select(m => m.MessageId).Order(), app.Smtp.Messages().Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task TwoSendersRacing_SendEveryMessageExactlyOnce()
    {
        var queued = await app.QueueMailsAsync(40);
        var senders = new[] { app.Sender(), app.AnotherSender() };

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => senders[i % 2].ProcessBatchAsync())));
        var rest = await app.Sender().ProcessBatchAsync(); // whatever a sender left while the others held the rows

        Assert.Equal(40, results.Sum(r => r.Sent) + rest.Sent);
        Assert.Equal(queued.Select(m => m.MessageId).Order(), app.Smtp.Messages().Select(m => m.MessageId).Order());
        await using var db = app.Db();
        Assert.All(await db.OutboxMessages.AsNoTracking().ToListAsync(), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task ServerDownForEveryAttempt_MarksTheMessageFailed_AfterTheConfiguredNumber()
    {
        var message = (await app.QueueMailsAsync(1)).Single();
        await app.Smtp.StopAsync();

        var attempts = new List<(OutboxStatus, int)>();
        for (var i = 0; i < 4; i++)
        {
            await app.Sender().ProcessBatchAsync();
            var row = await app.ReloadMailAsync(message.Id);
            attempts.Add((row.Status, row.Attempts));
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        // MailFactory sets Outbox:MaxAttempts = 3; a failed message is left alone.
        Assert.Equal([(OutboxStatus.Pending, 1), (OutboxStatus.Pending, 2), (OutboxStatus.Failed, 3), (OutboxStatus.Failed, 3)], attempts);
    }

    [Fact]
    public async Task Retry_WaitsLongerAfterEachFailure()
    {
        var message = (await app.QueueMailsAsync(1)).Single();
        await app.Smtp.StopAsync();
        var start = app.Clock.GetUtcNow();

        await app.Sender().ProcessBatchAsync();
        var first = (await app.ReloadMailAsync(message.Id)).NextAttemptAt - start;
        app.Clock.Advance(first);
        await app.Sender().ProcessBatchAsync();
        var second = (await app.ReloadMailAsync(message.Id)).NextAttemptAt - app.Clock.GetUtcNow();

        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), (first, second));
    }

    [Fact]
    public async Task AnAddressTheServerRefuses_FailsAtOnce_AndOtherMailStillGoes()
    {
        var broken = (await app.QueueMailsAsync(1, to: "nobody@@example.test")).Single();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var good = (await app.QueueMailsAsync(1)).Single();

        var result = await app.Sender().ProcessBatchAsync();

        Assert.Equal((1, 1), (result.Sent, result.Failed));
        var failed = await app.ReloadMailAsync(broken.Id);
        Assert.Equal((OutboxStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Equal(good.MessageId, Assert.Single(app.Smtp.Messages()).MessageId);
    }

    [Fact]
    public async Task Resend_AfterTheCommitWasLost_IsTheSameMail_WithTheSameMessageId()
    {
        var message = (await app.QueueMailsAsync(1)).Single();
        await app.Sender().ProcessBatchAsync();
        // As if the process died after the server accepted the mail but before the row was marked sent.
        await using (var db = app.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET status = 'Pending', sent_at = NULL WHERE id = {message.Id}");
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await app.Sender().ProcessBatchAsync();

        var mails = app.Smtp.Messages();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal(message.MessageId, m.MessageId));
        Assert.Equal(mails[0].Date, mails[1].Date);
        Assert.Equal((mails[0].Subject, mails[0].TextBody, mails[0].HtmlBody), (mails[1].Subject, mails[1].TextBody, mails[1].HtmlBody));
    }

    /// <summary>Several instances (issue 17): a message claimed by an instance that died mid-send waits out the lease, then goes once.</summary>
    [Fact]
    public async Task AMessageWhoseSenderCrashedMidSend_IsSentAfterItsLeasePasses()
    {
        var message = (await app.QueueMailsAsync(1)).Single();
        await using (var db = app.Db())
            await db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET claimed_until = {app.Clock.GetUtcNow().AddMinutes(5)}, claim_token = {Guid.NewGuid()} WHERE id = {message.Id}");

        Assert.Equal(0, (await app.Sender().ProcessBatchAsync()).Claimed);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await app.Sender().ProcessBatchAsync()).Sent);

        Assert.Equal(message.MessageId, Assert.Single(app.Smtp.Messages()).MessageId);
        var sent = await app.ReloadMailAsync(message.Id);
        Assert.Equal((OutboxStatus.Sent, (DateTimeOffset?)null, (Guid?)null), (sent.Status, sent.ClaimedUntil, sent.ClaimToken));
    }

    /// <summary>A sender asked to stop claims nothing more (the host is shutting down).</summary>
    [Fact]
    public async Task ASenderAskedToStop_ClaimsNothing()
    {
        await app.QueueMailsAsync(2);
        Assert.Equal(0, (await app.Sender().ProcessBatchAsync(new CancellationToken(canceled: true))).Claimed);
        Assert.Empty(app.Smtp.Messages());
    }
}
