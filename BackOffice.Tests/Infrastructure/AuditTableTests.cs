using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BackOffice.Tests.Infrastructure;

/// <summary>The audit trail is append-only in the database itself, and its hash chain never forks.</summary>
public class AuditTableTests(ClonedDatabase database) : IClassFixture<ClonedDatabase>
{
    private static readonly Actor Maria = new(Guid.NewGuid(), "Maria Virtanen");

    private async Task AddEventsAsync(int count)
    {
        await using var db = database.Context();
        for (var i = 0; i < count; i++)
            db.AuditEvents.Add(AuditEvent.Create(DateTimeOffset.UtcNow, Maria, "test.event", "Test", i.ToString()));
        await db.SaveChangesAsync();
    }

    private async Task<PostgresException> RefusedAsync(string sql)
    {
        await AddEventsAsync(1);
        await using var db = database.Context();
        return await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
    }

    [Fact]
    public async Task Update_IsRefused() =>
        Assert.Contains("append-only", (await RefusedAsync("UPDATE audit_events SET actor_name = 'someone else'")).MessageText);

    [Fact]
    public async Task Delete_IsRefused() =>
        Assert.Contains("append-only", (await RefusedAsync("DELETE FROM audit_events")).MessageText);

    [Fact]
    public async Task Truncate_IsRefused() =>
        Assert.Contains("append-only", (await RefusedAsync("TRUNCATE audit_events")).MessageText);

    [Fact]
    public async Task InsertThatDoesNotLinkToTheChain_IsRefused()
    {
        await AddEventsAsync(1);
        await using var db = database.Context();
        var head = await db.AuditEvents.MaxAsync(e => e.Position);
        var e = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync(
            $"INSERT INTO audit_events (position, occurred_at, actor_name, action, entity_type, details, previous_hash, hash) VALUES ({head + 1}, now(), 'x', 'forged', 'Test', '{{}}', repeat('a', 64), repeat('b', 64))"));
        Assert.Contains("does not link", e.MessageText);
    }

    [Fact]
    public async Task ConcurrentWriters_KeepOneUnbrokenChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AddEventsAsync(5))));
        await using var db = database.Context();
        var result = await new AuditTrail(db, new FakeTimeProvider()).VerifyAsync();
        Assert.True(result.IsIntact, $"chain broken at {result.FirstBrokenPosition}");
        Assert.True(result.EventsChecked >= 40);
    }

    /// <summary>jsonb hands details back reformatted (spaces, its own key order, unescaped letters): the hash still verifies.</summary>
    [Fact]
    public async Task EventsWithDetails_VerifyAfterTheDatabaseRoundTrip()
    {
        await using (var db = database.Context())
        {
            db.AuditEvents.Add(AuditEvent.Create(DateTimeOffset.UtcNow, Maria, "test.event", "Test", "1",
                details: new Dictionary<string, string?> { ["zeta"] = "Åsa Öberg", ["a"] = "1", ["note"] = "line\nbreak \"quoted\"", ["none"] = null }));
            await db.SaveChangesAsync();
        }
        await using var read = database.Context();
        var stored = await read.AuditEvents.AsNoTracking().OrderByDescending(e => e.Position).FirstAsync();
        Assert.Contains(": ", stored.Details); // reformatted by jsonb
        Assert.True(stored.IsIntact);
        Assert.True((await new AuditTrail(read, new FakeTimeProvider()).VerifyAsync()).IsIntact);
    }
}
