using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using Npgsql;

namespace BackOffice.Tests.Infrastructure;

/// <summary>
/// The app's database role owns nothing (the security issue, item 1): signed in as it, none of the ways to rewrite the audit
/// trail that a superuser or an owner has works — the trigger cannot be switched off, replication mode cannot be set, rows
/// cannot be changed, deleted or truncated, nothing can be created — while reading and appending, and the case work, do.
/// </summary>
public class AppRoleTests(ClonedDatabase database) : IClassFixture<ClonedDatabase>
{
    private async Task<NpgsqlConnection> AsAppAsync()
    {
        var connection = new NpgsqlConnection(TestDatabase.AppConnectionStringFor(database.Name));
        await connection.OpenAsync();
        return connection;
    }

    [Theory]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE audit_events DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update")]
    [InlineData("DROP TRIGGER audit_events_no_update ON audit_events")]
    [InlineData("CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")]
    [InlineData("UPDATE audit_events SET actor_name = 'someone else'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    [InlineData("ALTER TABLE audit_events OWNER TO backoffice_app")]
    [InlineData("CREATE TABLE shadow_events (id int)")]
    [InlineData("DELETE FROM \"__EFMigrationsHistory\"")]
    [InlineData("ALTER ROLE backoffice_app SUPERUSER")]
    public async Task AsTheAppRole_EveryBypassOfTheAuditTrail_IsRefused(string sql)
    {
        await using (var db = database.Context())
        {
            db.AuditEvents.Add(AuditEvent.Create(DateTimeOffset.UtcNow, new Actor(Guid.NewGuid(), "Maria Virtanen"), "test.event", "Test", "1"));
            await db.SaveChangesAsync();
        }
        await using var app = await AsAppAsync();
        await using var command = new NpgsqlCommand(sql, app);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task AsTheAppRole_ReadingAndAppendingTheTrail_AndCaseWork_Work()
    {
        await using var app = await AsAppAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM audit_events", app)) await read.ExecuteScalarAsync();
        await using (var write = new NpgsqlCommand("UPDATE persons SET last_name = last_name WHERE false", app)) await write.ExecuteNonQueryAsync();
        await using (var who = new NpgsqlCommand("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user", app))
            Assert.False((bool)(await who.ExecuteScalarAsync())!);
        await using (var owns = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)", app))
            Assert.Equal(0L, (long)(await owns.ExecuteScalarAsync())!);

        // Appending goes through the app's own path (the chain is computed under its lock), as the app's role.
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<BackOffice.Data.BackOfficeDbContext>();
        BackOffice.Data.BackOfficeDbContext.Configure(options, TestDatabase.AppConnectionStringFor(database.Name));
        await using var db = new BackOffice.Data.BackOfficeDbContext(options.Options);
        db.AuditEvents.Add(AuditEvent.Create(DateTimeOffset.UtcNow, new Actor(Guid.NewGuid(), "Maria Virtanen"), "test.event", "Test", "2"));
        await db.SaveChangesAsync();
    }
}
