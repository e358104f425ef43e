using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

/// <summary>
/// The least-privilege role the app runs as (the security issue, item 1). Migrations run as an owner role; the app's role
/// owns nothing and may read and write the case tables, but on <c>audit_events</c> only read and append: no UPDATE,
/// DELETE or TRUNCATE, and — not being the owner nor a superuser — no trigger changes and no
/// <c>session_replication_role</c>. Granted again after every migration, so new tables are covered.
/// </summary>
public static partial class DatabaseRoles
{
    /// <summary>Tables the app only reads and appends to.</summary>
    public static readonly string[] AppendOnly = ["audit_events"];
    /// <summary>Tables the app only reads.</summary>
    public static readonly string[] ReadOnly = ["__EFMigrationsHistory"];

    public static async Task GrantAppRoleAsync(BackOfficeDbContext db, string role, CancellationToken ct = default)
    {
        if (!RoleName().IsMatch(role)) throw new ArgumentException($"\"{role}\" is not a plain PostgreSQL role name.", nameof(role));
        var quoted = $"\"{role}\"";
        var database = db.Database.GetDbConnection().Database;
        var statements = new List<string>
        {
            $"GRANT CONNECT ON DATABASE \"{database.Replace("\"", "\"\"")}\" TO {quoted}",
            $"GRANT USAGE ON SCHEMA public TO {quoted}",
            $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
            $"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
            $"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {quoted}",
        };
        foreach (var table in AppendOnly) statements.Add($"REVOKE UPDATE, DELETE ON \"{table}\" FROM {quoted}");
        foreach (var table in ReadOnly) statements.Add($"REVOKE INSERT, UPDATE, DELETE ON \"{table}\" FROM {quoted}");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var sql in statements)
#pragma warning disable EF1002 // the role name is checked above and quoted; GRANT takes no parameters
            await db.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002
        await transaction.CommitAsync(ct);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
