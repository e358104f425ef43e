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
/// Delivers due outbox rows, safely with any number of app instances (issue 17). Each row is claimed in a statement of its own
/// (<c>FOR UPDATE SKIP LOCKED</c>, so two instances never claim one row) that gives it a lease (<c>claimed_until</c>,
/// <see cref="OutboxOptions.Lease"/>) and commits at once; the mail is sent outside any transaction; the row is then marked
/// sent (or given its back-off) only if the claim is still its own. A sender that crashes mid-send leaves the row leased: it is
/// due again when the lease has passed, and is resent with the same Message-Id (docs/email.md). The mail in hand is finished
/// even while the host is stopping; no new one is claimed then.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, MailRenderer renderer, IOptions<SmtpOptions> smtp, IOptions<OutboxOptions> options,
    TimeProvider clock, ILogger<OutboxSender> log)
{
    /// <summary>Sends up to <see cref="OutboxOptions.BatchSize"/> due messages; stops early when the server cannot be reached or <paramref name="ct"/> asks it to stop.</summary>
    public async Task<OutboxBatchResult> ProcessBatchAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        int sent = 0, failed = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        using var client = new SmtpClient { Timeout = (int)smtp.Value.Timeout.TotalMilliseconds };
        try
        {
            for (var i = 0; i < o.BatchSize && !ct.IsCancellationRequested; i++)
            {
                var message = await ClaimAsync(db, o.Lease, ct);
                if (message is null) break;

                // From here on the item in hand is finished: each step is bounded by Smtp:Timeout, not by the host stopping.
                var unreachable = false;
                try
                {
                    await renderer.PrepareAsync(CancellationToken.None);
                    var mime = renderer.Render(message);
                    unreachable = true;
                    await ConnectAsync(client, CancellationToken.None);
                    unreachable = false;
                    await client.SendAsync(mime, CancellationToken.None);
                    message.MarkSent(clock.GetUtcNow());
                    sent++;
                }
                catch (Exception e)
                {
                    var permanent = IsPermanent(e);
                    message.MarkFailedAttempt($"{e.GetType().Name}: {e.Message}", clock.GetUtcNow(), o.MaxAttempts, o.RetryBaseDelay, permanent);
                    failed++;
                    log.LogWarning(e, "Mail {MessageId} ({Template}) not sent, attempt {Attempts}: {Status}",
                        message.MessageId, message.Template, message.Attempts, message.Status);
                }
                try
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // The lease passed before the send ended and another instance claimed the row: its outcome is the one kept.
                    log.LogWarning("Mail {MessageId}: the lease ran out during the send and another instance took the message over", message.MessageId);
                }
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

    /// <summary>
    /// The next due message that nobody holds, leased to this claim in one committed statement; null when none is due. A row
    /// another instance is claiming this moment is skipped, not waited for.
    /// </summary>
    private async Task<OutboxMessage?> ClaimAsync(BackOfficeDbContext db, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claim = Guid.NewGuid();
        // One statement, its own transaction: made again on a fresh connection after a database restart (issue 17).
        var claimed = await Database.Replayable.RunAsync(db, token => db.OutboxMessages.FromSql($"""
            UPDATE outbox_messages SET claimed_until = {now + lease}, claim_token = {claim}
            WHERE id = (SELECT id FROM outbox_messages
                        WHERE status = {nameof(OutboxStatus.Pending)} AND next_attempt_at <= {now}
                          AND (claimed_until IS NULL OR claimed_until <= {now})
                        ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).ToListAsync(token), ct);
        return claimed.SingleOrDefault();
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
