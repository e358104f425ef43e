using BackOffice.Data;
using BackOffice.Data.Domain.Outbox;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackOffice.Web.Infrastructure.Email;

/// <summary>What one batch did.</summary>
public sealed record OutboxBatchResult(int Sent, int Failed)
{
    public int Claimed => Sent + Failed;
}

/// <summary>
/// Delivers due outbox rows. Each row is claimed with <c>FOR UPDATE SKIP LOCKED</c> in its own transaction, sent,
/// and marked sent (or given its back-off) in that same transaction, so several app instances never send one
/// row twice. A crash between the server's acceptance and the commit resends the row later with the same
/// Message-Id (docs/email.md).
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, MailRenderer renderer, IOptions<SmtpOptions> smtp, IOptions<OutboxOptions> options,
    TimeProvider clock, ILogger<OutboxSender> log)
{
    /// <summary>Sends up to <see cref="OutboxOptions.BatchSize"/> due messages; stops early when the server cannot be reached.</summary>
    public async Task<OutboxBatchResult> ProcessBatchAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        int sent = 0, failed = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        using var client = new SmtpClient { Timeout = (int)smtp.Value.Timeout.TotalMilliseconds };
        try
        {
            for (var i = 0; i < o.BatchSize; i++)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var now = clock.GetUtcNow();
                var message = (await db.OutboxMessages.FromSql($"""
                    SELECT * FROM outbox_messages
                    WHERE status = {nameof(OutboxStatus.Pending)} AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).ToListAsync(ct)).SingleOrDefault();
                if (message is null) break;

                var unreachable = false;
                try
                {
                    await renderer.PrepareAsync(ct);
                    var mime = renderer.Render(message);
                    unreachable = true;
                    await ConnectAsync(client, ct);
                    unreachable = false;
                    await client.SendAsync(mime, ct);
                    message.MarkSent(clock.GetUtcNow());
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    var permanent = IsPermanent(e);
                    message.MarkFailedAttempt($"{e.GetType().Name}: {e.Message}", clock.GetUtcNow(), o.MaxAttempts, o.RetryBaseDelay, permanent);
                    failed++;
                    log.LogWarning(e, "Mail {MessageId} ({Template}) not sent, attempt {Attempts}: {Status}",
                        message.MessageId, message.Template, message.Attempts, message.Status);
                }
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                // The server is down: the next poll tries again rather than every due row timing out now.
                if (unreachable) break;
            }
        }
        finally
        {
            // Every row is already committed: a server that drops the line at QUIT changes nothing.
            if (client.IsConnected)
                try { await client.DisconnectAsync(true, CancellationToken.None); }
                catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException) { log.LogDebug(e, "SMTP QUIT failed"); }
        }
        return new OutboxBatchResult(sent, failed);
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        if (client.IsConnected) return;
        var s = smtp.Value;
        if (string.IsNullOrWhiteSpace(s.Host)) throw new InvalidOperationException("Smtp:Host is not set.");
        await client.ConnectAsync(s.Host, s.Port, s.SocketOptions, ct);
        if (!string.IsNullOrEmpty(s.User)) await client.AuthenticateAsync(s.User, s.Password ?? "", ct);
    }

    /// <summary>Failures a retry cannot mend: a refused or malformed address, a broken template.</summary>
    private static bool IsPermanent(Exception e) => e switch
    {
        MailTemplateException or ParseException => true,
        SmtpCommandException c => (int)c.StatusCode >= 500 && c.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted,
        _ => false,
    };
}
