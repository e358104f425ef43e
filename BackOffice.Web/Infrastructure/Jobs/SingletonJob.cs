using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Jobs;

/// <summary>
/// A job that must run on one instance at a time however many run (issue 17): a round of it runs only while this instance
/// holds PostgreSQL's session advisory lock of the job's name; an instance that does not get it skips the round. The lock
/// belongs to the connection, so a crashed instance's lock ends with its connection and another instance takes the next round.
/// </summary>
public static class SingletonJob
{
    /// <summary>The lock keys, one per singleton job (a key is a number; these spell the job's name).</summary>
    public static class Keys
    {
        public const long AuditCheckpoint = 0x4A_4F42_4350_5431; // "JOBCPT1"
        public const long ExportSweep = 0x4A_4F42_4558_5057; // "JOBEXPW" (the exports' retention, issue 12)
        public const long MessageRetention = 0x4253_4D52_4554; // "BSMRET" (the secure messages' retention, issue 15)
    }

    /// <summary>Runs <paramref name="work"/> when this instance gets the lock; false when another instance holds it.</summary>
    public static async Task<bool> TryRunAsync(BackOfficeDbContext db, long key, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(ct)) return false;
            try
            {
                await work(ct);
            }
            finally
            {
                // A broken connection has already dropped the lock with itself.
                try { await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None); }
                catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException) { }
            }
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
