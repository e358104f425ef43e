using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Audit;

/// <summary>Settings of the keyed checkpoints (section <c>Audit</c>; docs/audit.md).</summary>
public sealed class AuditCheckpointOptions
{
    /// <summary>The signing key, base64, 32 bytes or more; or <see cref="CheckpointKeyFile"/>, a file holding it.</summary>
    public string? CheckpointKey { get; set; }
    public string? CheckpointKeyFile { get; set; }
    /// <summary>Names the signing key in each checkpoint, so a new key can take over while the old ones still verify.</summary>
    public string CheckpointKeyId { get; set; } = "k1";
    /// <summary>Earlier keys by id (base64), kept to verify the checkpoints they signed.</summary>
    public Dictionary<string, string> VerificationKeys { get; set; } = [];
    /// <summary>A checkpoint once this many events have followed the last one…</summary>
    public int CheckpointEvery { get; set; } = 1000;
    /// <summary>…or once the last is this old and events have followed it.</summary>
    public double CheckpointHours { get; set; } = 1;
    /// <summary>How often the app looks whether a checkpoint is due; 0 writes none in the background (only `audit-checkpoint --new`).</summary>
    public int CheckpointPollSeconds { get; set; } = 60;
}

/// <summary>What a checkpoint says: the chain's head it signs. Exported as JSON, it is kept outside the system.</summary>
public sealed record AuditCheckpoint(long Position, string Hash, DateTimeOffset SignedAt, string KeyId, string Signature)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>
/// The key the database does not hold: HMAC-SHA256 over the head's position and hash. Someone with every right on the
/// table can rewrite rows and recompute every SHA-256 after them, but cannot sign the new head.
/// </summary>
public sealed class AuditCheckpointKeys
{
    private readonly Dictionary<string, byte[]> _keys = [];

    public AuditCheckpointKeys(IOptions<AuditCheckpointOptions> options)
    {
        var o = options.Value;
        foreach (var (id, key) in o.VerificationKeys) _keys[id] = Decode(key, $"Audit:VerificationKeys:{id}");
        var signing = o.CheckpointKey is { Length: > 0 } k ? k
            : o.CheckpointKeyFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : null;
        if (signing is null) return;
        _keys[o.CheckpointKeyId] = Decode(signing, o.CheckpointKey is { Length: > 0 } ? "Audit:CheckpointKey" : o.CheckpointKeyFile!);
        SigningKeyId = o.CheckpointKeyId;
    }

    /// <summary>Null when no signing key is configured: no checkpoints are written.</summary>
    public string? SigningKeyId { get; }

    public string Sign(long position, string hash) =>
        SigningKeyId is { } id ? Mac(_keys[id], position, hash) : throw new InvalidOperationException("No audit checkpoint key is configured.");

    /// <summary>True when the signature is this position and hash signed by the key of that id; false for a wrong or unknown key.</summary>
    public bool Verifies(AuditCheckpoint c) =>
        _keys.TryGetValue(c.KeyId, out var key)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, c.Position, c.Hash)), Encoding.ASCII.GetBytes(c.Signature));

    public bool Knows(string keyId) => _keys.ContainsKey(keyId);

    private static string Mac(byte[] key, long position, string hash) => Convert.ToHexStringLower(
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"backoffice-audit-checkpoint\n{position.ToString(CultureInfo.InvariantCulture)}\n{hash}")));

    private static byte[] Decode(string base64, string where)
    {
        byte[] key;
        try { key = Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException($"The audit checkpoint key in {where} is not base64."); }
        return key.Length >= 32 ? key : throw new InvalidOperationException($"The audit checkpoint key in {where} has {key.Length} bytes; it needs 32 or more.");
    }
}

/// <summary>Writes a checkpoint when one is due and reads the latest; one writer at a time by the chain's own lock.</summary>
public sealed class AuditCheckpoints(BackOfficeDbContext db, AuditCheckpointKeys keys, TimeProvider clock, IOptions<AuditCheckpointOptions> options)
{
    /// <summary>
    /// Under the chain lock (held until commit, so nothing is chained in between): when events have followed the last
    /// checkpoint and there are <c>CheckpointEvery</c> of them or it is <c>CheckpointHours</c> old (or <paramref name="force"/>),
    /// appends a checkpoint signing the head. Returns it, or null when none was due or no key is configured.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteIfDueAsync(bool force = false, CancellationToken ct = default)
    {
        if (keys.SigningKeyId is not { } keyId) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({BackOfficeDbContext.AuditChainLockKey})", ct);
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Position).Select(e => new { e.Position, e.Hash, e.Action }).FirstOrDefaultAsync(ct);
        if (head is null || head.Action == AuditActions.ChainCheckpoint) return null;
        var last = await LatestEventAsync(ct);
        var now = clock.GetUtcNow();
        var since = head.Position - (last?.Position ?? 0);
        var due = force || since >= options.Value.CheckpointEvery || last is null
                  || now - last.OccurredAt >= TimeSpan.FromHours(options.Value.CheckpointHours);
        if (!due) return null;
        var checkpoint = new AuditCheckpoint(head.Position, head.Hash, now, keyId, keys.Sign(head.Position, head.Hash));
        db.AuditEvents.Add(AuditEvent.Create(now, null, AuditActions.ChainCheckpoint, "AuditChain", head.Position.ToString(CultureInfo.InvariantCulture),
            details: Details(checkpoint)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return checkpoint;
    }

    public async Task<AuditCheckpoint?> LatestAsync(CancellationToken ct = default) =>
        await LatestEventAsync(ct) is { } e ? Read(e) : null;

    private Task<AuditEvent?> LatestEventAsync(CancellationToken ct) =>
        db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.ChainCheckpoint).OrderByDescending(e => e.Position).FirstOrDefaultAsync(ct);

    public static Dictionary<string, string?> Details(AuditCheckpoint c) => new()
    {
        ["position"] = c.Position.ToString(CultureInfo.InvariantCulture), ["hash"] = c.Hash, ["keyId"] = c.KeyId, ["signature"] = c.Signature,
    };

    /// <summary>The checkpoint a checkpoint event holds (null when its details are not one).</summary>
    public static AuditCheckpoint? Read(AuditEvent e)
    {
        var d = JsonSerializer.Deserialize<Dictionary<string, string?>>(e.Details) ?? [];
        return long.TryParse(d.GetValueOrDefault("position"), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
               && d.GetValueOrDefault("hash") is { } hash && d.GetValueOrDefault("keyId") is { } keyId && d.GetValueOrDefault("signature") is { } signature
            ? new AuditCheckpoint(position, hash, e.OccurredAt, keyId, signature)
            : null;
    }
}

/// <summary>
/// Looks every <c>CheckpointPollSeconds</c> whether a checkpoint is due. Safe with several instances: one instance at a time
/// looks (<see cref="Jobs.SingletonJob"/>), and the chain lock makes one write it. Outside Development and Testing the app does not start without a key: an audit trail that anyone with
/// table rights could rewrite unnoticed is not one to run on.
/// </summary>
public sealed class AuditCheckpointWriter(IServiceScopeFactory scopes, AuditCheckpointKeys keys, IOptions<AuditCheckpointOptions> options,
    IHostEnvironment environment, ILogger<AuditCheckpointWriter> log) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.SigningKeyId is null)
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
                throw new InvalidOperationException("Set Audit:CheckpointKeyFile (or Audit:CheckpointKey): a base64 key of 32 bytes or more, kept outside " +
                                                    "the database, that signs the audit trail's checkpoints (docs/audit.md).");
            log.LogWarning("No audit checkpoint key is configured: the audit trail is hash-chained but not signed.");
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (keys.SigningKeyId is null || options.Value.CheckpointPollSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.CheckpointPollSeconds)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // One instance at a time (issue 17); the others skip the round.
                await Jobs.SingletonJob.TryRunAsync(scope.ServiceProvider.GetRequiredService<BackOffice.Data.BackOfficeDbContext>(), Jobs.SingletonJob.Keys.AuditCheckpoint,
                    async ct =>
                    {
                        if (await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteIfDueAsync(ct: ct) is { } c)
                            log.LogInformation("Audit checkpoint at position {Position} signed with key {KeyId}", c.Position, c.KeyId);
                    }, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("No audit checkpoint this round: {Message}", e.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
