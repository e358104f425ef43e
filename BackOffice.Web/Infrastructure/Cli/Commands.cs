using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Tools.Benchmarks;
using BackOffice.Web.Tools.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Cli;

/// <summary>
/// One-off commands of the app's own binary, run by ./run.sh and by operators:
/// <c>migrate</c> (schema, roles, reference data; any environment), <c>invite-staff</c> (an account and its set-password link,
/// how production gets its first System administrator), <c>seed-demo</c> (Development only) and
/// <c>bench-search</c> (the person search benchmark on a database named *bench*, docs/performance.md), <c>bench-export</c> (the export
/// benchmark, the same) and <c>serve-bench</c>
/// (the app on that database with a bench account and a raw search endpoint, for scripts/bench-web.sh).
/// </summary>
public static class Commands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                await MigrateAsync(app.Services);
                Console.WriteLine("Database migrated; roles and reference data are in place." +
                    (app.Configuration["Database:AppRole"] is { Length: > 0 } r ? $" The app's role {r} has its rights." : ""));
                return true;
            case "seed-demo":
                if (!app.Environment.IsDevelopment())
                {
                    await Console.Error.WriteLineAsync("Demo data exists only in Development (ASPNETCORE_ENVIRONMENT=Development).");
                    Environment.ExitCode = 2;
                    return true;
                }
                await using (var scope = app.Services.CreateAsyncScope())
                    await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).SeedAsync();
                DemoData.PrintAccounts(Console.Out);
                return true;
            case "bench-search":
                Environment.ExitCode = await SearchBenchmark.RunAsync(app.Services, new SearchBenchmark.Options(
                    Persons: IntOption(args, "--persons", 1_000_000), Runs: IntOption(args, "--runs", 50),
                    Reload: args.Contains("--reload"), PlansFile: StringOption(args, "--plans", "bench-search-plans.txt")), Console.Out);
                return true;
            case "verify-audit":
                Environment.ExitCode = await AuditCommands.VerifyAsync(app.Services, StringOption(args, "--checkpoint", ""), Console.Out);
                return true;
            case "audit-checkpoint":
                Environment.ExitCode = await AuditCommands.CheckpointAsync(app.Services, args.Contains("--new"), Console.Out);
                return true;
            case "bench-export":
                Environment.ExitCode = await ExportBenchmark.RunAsync(app.Services, new ExportBenchmark.Options(
                    Persons: IntOption(args, "--persons", 260_000), Events: IntOption(args, "--events", 1_000_000),
                    Measure: StringOption(args, "--measure", "") is { Length: > 0 } m ? m : null, Folder: StringOption(args, "--folder", Path.GetTempPath())), Console.Out);
                return true;
            case "bench-upload": // secure messages (issue 15): the client half of scripts/bench-upload.sh
                Environment.ExitCode = await UploadBenchmark.RunAsync(new UploadBenchmark.Options(StringOption(args, "--url", "http://127.0.0.1:5080"),
                    IntOption(args, "--pid", 0), StringOption(args, "--maildir", ""), IntOption(args, "--megabytes", 400)), Console.Out);
                return true;
            case "invite-staff":
                Environment.ExitCode = await StaffCommands.InviteAsync(app.Services, app.Configuration, args, Console.Out);
                return true;
            case "serve-bench":
                Environment.ExitCode = await WebBenchmark.ServeAsync(app);
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

    private static string StringOption(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(StringOption(args, name, ""), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

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
        // Run as the owner, name the role the app signs in as: it gets exactly what it needs (BackOffice.Data/DatabaseRoles).
        if (scope.ServiceProvider.GetService<IConfiguration>()?["Database:AppRole"] is { Length: > 0 } appRole)
            await DatabaseRoles.GrantAppRoleAsync(db, appRole, ct);
    }
}
