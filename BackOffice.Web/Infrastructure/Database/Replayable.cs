using BackOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace BackOffice.Web.Infrastructure.Database;

/// <summary>
/// EF's retrying execution strategy, used only where a failed attempt can simply be made again (issue 17): a read, or one
/// statement that is its own transaction. After PostgreSQL restarts, an instance's pooled connections are broken; the first
/// command on each fails with a transient error (57P01, a closed socket) and is made again on a new connection, so a person's
/// next request works instead of showing the 503 page once per pooled connection. Never inside a transaction the caller
/// opened (a change, with its audit events and outbox rows, is not replayed behind its back): there it runs once.
/// </summary>
public static class Replayable
{
    public const int MaxRetries = 3;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public static Task<T> RunAsync<T>(BackOfficeDbContext db, Func<CancellationToken, Task<T>> operation, CancellationToken ct) =>
        db.Database.CurrentTransaction is not null
            ? operation(ct)
            : ((IExecutionStrategy)new NpgsqlRetryingExecutionStrategy(db, MaxRetries, MaxDelay, errorCodesToAdd: null))
                .ExecuteAsync(operation, static (op, token) => op(token), ct);
}
