using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Cli;

/// <summary>
/// One-off commands of the app's own binary, run by ./run.sh and by operators:
/// <c>migrate</c> (schema, roles, reference data; any environment) and <c>seed-demo</c> (Development only).
/// </summary>
public static class Commands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                await MigrateAsync(app.Services);
                Console.WriteLine("Database migrated; roles and reference data are in place.");
                return true;
            case "seed-demo":
                if (!app.Environment.IsDevelopment())
                {
                    await Console.Error.WriteLineAsync("Demo data exists only in Development (ASPNETCORE_ENVIRONMENT=Development).");
                    Environment.ExitCode = 2;
                    return true;
                }
                await using (var scope = app.Services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
                DemoData.PrintAccounts(Console.Out);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Creates the database first, so EF does not log a failed connection on a first run.</summary>
    private static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken ct)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(ct);
            await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", target.Database!);
            if (await exists.ExecuteScalarAsync(ct) is not null) return;
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (Npgsql.PostgresException)
        {
            // No right to the maintenance database: leave it to MigrateAsync.
        }
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        await CreateDatabaseIfMissingAsync(db.Database.GetConnectionString()!, ct);
        await db.Database.MigrateAsync(ct);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role));
        await ReferenceData.EnsureAsync(db, ct);
    }
}
