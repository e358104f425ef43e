using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BackOffice.Tests.Infrastructure;

/// <summary>
/// Keyed checkpoints on the audit chain (the security issue, item 2): someone with every right on the table — who can switch
/// the trigger off, rewrite a row and recompute every SHA-256 after it — is caught by the signed checkpoint, because the key
/// is not in the database.
/// </summary>
public class AuditCheckpointTests(ClonedDatabase database) : IClassFixture<ClonedDatabase>
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    private static AuditCheckpointKeys Keys(string key, int every = 5) => new(Options.Create(new AuditCheckpointOptions { CheckpointKey = key, CheckpointEvery = every }));

    private AuditCheckpoints Checkpoints(BackOffice.Data.BackOfficeDbContext db, string key = "", int every = 5) =>
        new(db, Keys(key.Length > 0 ? key : Key, every), _clock, Options.Create(new AuditCheckpointOptions { CheckpointKey = Key, CheckpointEvery = every }));

    private async Task AddEventsAsync(int count)
    {
        await using var db = database.Context();
        for (var i = 0; i < count; i++)
            db.AuditEvents.Add(AuditEvent.Create(_clock.GetUtcNow(), new Actor(Guid.NewGuid(), "Maria Virtanen"), "test.event", "Test", i.ToString()));
        await db.SaveChangesAsync();
    }

    private async Task<AuditVerification> VerifyAsync(string key, AuditCheckpoint? kept = null)
    {
        await using var db = database.Context();
        return await new AuditTrail(db, _clock, Keys(key)).VerifyAsync(kept);
    }

    [Fact]
    public async Task Checkpoints_AreWrittenEveryNEventsOrHour_SignTheHead_AndVerify()
    {
        await AddEventsAsync(4);
        await using var db = database.Context();
        var checkpoints = Checkpoints(db);
        var first = await checkpoints.WriteIfDueAsync();
        Assert.NotNull(first); // the first is due at once
        Assert.Null(await checkpoints.WriteIfDueAsync()); // nothing followed it

        await AddEventsAsync(3);
        Assert.Null(await checkpoints.WriteIfDueAsync()); // 3 < 5 and not an hour
        await AddEventsAsync(2);
        var second = await checkpoints.WriteIfDueAsync(); // 5 events followed
        Assert.NotNull(second);
        await AddEventsAsync(1);
        _clock.Advance(TimeSpan.FromMinutes(61));
        var third = await checkpoints.WriteIfDueAsync(); // one event, but an hour passed
        Assert.NotNull(third);

        var head = await db.AuditEvents.OrderByDescending(e => e.Position).FirstAsync();
        Assert.Equal(AuditActions.ChainCheckpoint, head.Action);
        Assert.Equal(head.Position - 1, third!.Position);
        Assert.Equal(third, await checkpoints.LatestAsync());
        var result = await VerifyAsync(Key);
        Assert.True(result.IsIntact, $"{result.Break} at {result.FirstBrokenPosition}");
        Assert.True(result.CheckpointsVerified >= 3);
    }

    [Fact]
    public async Task ARowRewrittenAndTheChainReHashed_IsCaughtByTheSignedCheckpoint()
    {
        await AddEventsAsync(6);
        await using (var db = database.Context()) Assert.NotNull(await Checkpoints(db).WriteIfDueAsync(force: true));
        await AddEventsAsync(2);

        // As someone with table rights but not the key: trigger off, one row's actor changed, every hash after it recomputed.
        long rewritten;
        await using (var db = database.Context())
        {
            var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Position).ToListAsync();
            var victim = events.First(e => e.Action == "test.event");
            rewritten = victim.Position;
            typeof(AuditEvent).GetProperty(nameof(AuditEvent.ActorName))!.SetValue(victim, "Someone else");
            var previous = events.Where(e => e.Position < rewritten).Select(e => e.Hash).LastOrDefault() ?? AuditEvent.GenesisHash;
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica");
            foreach (var e in events.Where(e => e.Position >= rewritten))
            {
                e.Chain(e.Position, previous);
                previous = e.Hash;
                await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET actor_name = {e.ActorName}, previous_hash = {e.PreviousHash}, hash = {e.Hash} WHERE position = {e.Position}");
            }
            await transaction.CommitAsync();
        }

        // The SHA-256 chain alone is consistent again…
        await using (var db = database.Context())
            Assert.All(await db.AuditEvents.AsNoTracking().ToListAsync(), e => Assert.True(e.IsIntact));
        // …but the checkpoint signed the old head.
        var result = await VerifyAsync(Key);
        Assert.False(result.IsIntact);
        Assert.Equal(AuditBreak.CheckpointHead, result.Break);
        Assert.True(result.FirstBrokenPosition > rewritten);
    }

    [Fact]
    public async Task ACheckpointVerifiedWithTheWrongKey_OrAKeptCheckpointThatDiffers_IsCaught()
    {
        await AddEventsAsync(3);
        AuditCheckpoint kept;
        await using (var db = database.Context()) kept = (await Checkpoints(db).WriteIfDueAsync(force: true))!;

        var wrongKey = await VerifyAsync(OtherKey);
        Assert.Equal(AuditBreak.CheckpointSignature, wrongKey.Break);

        Assert.True((await VerifyAsync(Key, kept)).IsIntact);
        var differs = await VerifyAsync(Key, kept with { Hash = new string('a', 64) });
        Assert.Equal(AuditBreak.KeptCheckpointSignature, differs.Break);
        var beyond = await VerifyAsync(Key, kept with { Position = kept.Position + 1000 });
        Assert.False(beyond.IsIntact);
    }
}

/// <summary>The commands an operator runs: export the latest checkpoint, verify the chain against it.</summary>
public class AuditCommandTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task AuditCheckpoint_PrintsTheSignedHeadAsJson_AndVerifyAudit_AcceptsIt()
    {
        await app.SignInAsRoleAsync(BackOffice.Data.Domain.Staff.Roles.Auditor); // a sign-in is an audit event

        var exported = new StringWriter();
        Assert.Equal(0, await AuditCommands.CheckpointAsync(app.Services, signNow: true, exported));
        var checkpoint = System.Text.Json.JsonSerializer.Deserialize<AuditCheckpoint>(exported.ToString(), AuditCheckpoint.Json)!;
        Assert.Equal(64, checkpoint.Hash.Length);
        Assert.Equal("test", checkpoint.KeyId);

        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, exported.ToString());
        var output = new StringWriter();
        Assert.Equal(0, await AuditCommands.VerifyAsync(app.Services, file, output));
        Assert.Contains("The audit trail is intact", output.ToString());
        Assert.Contains($"the kept checkpoint at {checkpoint.Position} matches", output.ToString());

        await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(checkpoint with { Position = checkpoint.Position + 500 }, AuditCheckpoint.Json));
        output = new StringWriter();
        Assert.Equal(1, await AuditCommands.VerifyAsync(app.Services, file, output));
        Assert.Contains("BROKEN", output.ToString());
        File.Delete(file);
    }
}
