using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.SecureMessages;

/// <summary>What one retention run removed.</summary>
public sealed record RetentionResult(int Messages, int Files, int Verifications, int StrayFiles);

/// <summary>
/// Retention of the secure messages: a message handled more than <c>SecureMessages:RetentionDays</c> ago (730, two years) is
/// purged — its audit event first, then its rows (replies and attachments with it) in the same transaction, then its files.
/// Links and sessions a day past their end are deleted, and files in the messages' folder that no attachment names and that
/// are a day old (left by a crash between the store and the database) are removed. One instance runs it at a time.
/// </summary>
public sealed class MessageRetention(BackOfficeDbContext db, DocumentStore store, IOptions<SecureMessageOptions> options, TimeProvider clock,
    ILogger<MessageRetention> log)
{
    public static readonly Actor Retention = Actor.System("Retention");
    private const long LockKey = 0x4253_4D52_4554; // "BSMRET"
    private const int Batch = 100;
    private static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    public async Task<RetentionResult> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        int messages = 0, files = 0;
        while (true)
        {
            List<string> keys;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct))
                {
                    log.LogInformation("Secure-message retention is running in another instance");
                    return new RetentionResult(messages, files, 0, 0);
                }
                var due = await db.SecureMessages.Include(m => m.Attachments).Include(m => m.Replies).AsSplitQuery()
                    .Where(m => m.HandledAt < cutoff).OrderBy(m => m.HandledAt).ThenBy(m => m.Id).Take(Batch).ToListAsync(ct);
                if (due.Count == 0) break;
                foreach (var message in due) message.Purge(cutoff, Retention, now);
                keys = [.. due.SelectMany(m => m.Attachments).Select(a => a.StorageKey)];
                db.SecureMessages.RemoveRange(due);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                messages += due.Count;
            }
            db.ChangeTracker.Clear();
            foreach (var key in keys)
                if (TryDelete(key)) files++;
        }
        db.ChangeTracker.Clear();
        var verifications = await db.SenderVerifications
            .Where(v => v.ExpiresAt < now - Grace && (v.SessionEndsAt == null || v.SessionEndsAt < now - Grace)).ExecuteDeleteAsync(ct);
        var stray = await RemoveStrayFilesAsync(ct);
        if (messages + verifications + stray > 0)
            log.LogInformation("Secure-message retention: {Messages} messages and {Files} files purged, {Verifications} old links deleted, {Stray} stray files removed",
                messages, files, verifications, stray);
        return new RetentionResult(messages, files, verifications, stray);
    }

    /// <summary>Files of the messages' folder, a day old by the file system's clock, that no attachment names (and parts of uploads never finished).</summary>
    private async Task<int> RemoveStrayFilesAsync(CancellationToken ct)
    {
        var folder = Path.Combine(store.Root, SecureMessageOptions.AttachmentFolder);
        if (!Directory.Exists(folder)) return 0;
        var old = DateTime.UtcNow - Grace;
        var removed = 0;
        foreach (var chunk in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                     .Where(f => File.GetLastWriteTimeUtc(f) < old)
                     .Select(f => Path.GetRelativePath(store.Root, f).Replace('\\', '/')).Chunk(500))
        {
            var candidates = chunk.Where(k => !k.EndsWith(".part", StringComparison.Ordinal)).ToList();
            var named = await db.MessageAttachments.AsNoTracking().Where(a => candidates.Contains(a.StorageKey)).Select(a => a.StorageKey).ToListAsync(ct);
            foreach (var key in chunk.Except(named))
                if (TryDelete(key)) removed++;
        }
        return removed;
    }

    private bool TryDelete(string key)
    {
        try
        {
            var path = store.PathOf(key);
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (IOException e)
        {
            log.LogWarning("Secure-message file {Key} could not be removed: {Message}", key, e.Message);
            return false;
        }
    }
}

/// <summary>Runs <see cref="MessageRetention"/> every <c>SecureMessages:RetentionInterval</c> (6 hours) while <c>RetentionEnabled</c>.</summary>
public sealed class MessageRetentionWorker(IServiceScopeFactory scopes, IOptions<SecureMessageOptions> options, ILogger<MessageRetentionWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RetentionEnabled) return;
        using var timer = new PeriodicTimer(options.Value.RetentionInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MessageRetention>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError("Secure-message retention failed: {Type}: {Message}", e.GetType().Name, e.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
