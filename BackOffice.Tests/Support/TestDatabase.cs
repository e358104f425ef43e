using System.Security.Cryptography;
using System.Text;
using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Cli;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BackOffice.Tests.Support;

/// <summary>
/// Real PostgreSQL for the tests (the cluster ./test.sh starts): one migrated template database per model,
/// and a fresh clone of it for each test class, made in a fraction of a second by CREATE DATABASE … TEMPLATE.
/// </summary>
public static class TestDatabase
{
    public const string Password = "Test-Password-2026";

    /// <summary>The staff every test database has, one per role (and a second Administrator and Reviewer).</summary>
    public static readonly IReadOnlyList<(string Email, string Role, string Name)> Staff =
    [
        ("admin@test.example", Roles.Administrator, "Maria Virtanen"),
        ("admin2@test.example", Roles.Administrator, "Nikos Alexiou"),
        ("reviewer@test.example", Roles.Reviewer, "Johan Lindqvist"),
        ("reviewer2@test.example", Roles.Reviewer, "Eleni Georgiou"),
        ("auditor@test.example", Roles.Auditor, "Aino Korhonen"),
        ("sysadmin@test.example", Roles.SystemAdministrator, "Pekka Nieminen"),
    ];

    public static string EmailOf(string role) => Staff.First(s => s.Role == role).Email;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("BACKOFFICE_TEST_PG")
        ?? throw new InvalidOperationException("BACKOFFICE_TEST_PG is not set: run the tests with ./test.sh, which starts the test PostgreSQL cluster.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    /// <summary>The least-privilege role the app runs as (./test.sh creates it; its rights come from migrate's grant).</summary>
    public const string AppRole = "backoffice_app";

    /// <summary>The app's own connection: as <see cref="AppRole"/>, as in production.</summary>
    public static string AppConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("BACKOFFICE_TEST_APP_PG")
            ?? throw new InvalidOperationException("BACKOFFICE_TEST_APP_PG is not set: run the tests with ./test.sh, which creates the app's role."))
        { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    /// <summary>A new database cloned from the migrated template; drop it with <see cref="DropAsync"/>.</summary>
    public static async Task<string> CloneAsync()
    {
        var template = await TemplateAsync();
        var name = "bo_t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    public static BackOfficeDbContext Context(string database)
    {
        var options = new DbContextOptionsBuilder<BackOfficeDbContext>();
        BackOfficeDbContext.Configure(options, ConnectionStringFor(database));
        return new BackOfficeDbContext(options.Options);
    }

    private static async Task<string> TemplateAsync()
    {
        if (_template is not null) return _template;
        await Gate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = "bo_template_" + ModelKey();
            await using var server = new NpgsqlConnection(ConnectionStringFor("postgres"));
            await server.OpenAsync();
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock(8412)", server)) await lockCmd.ExecuteNonQueryAsync();
            try
            {
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", server);
                exists.Parameters.AddWithValue("n", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await DropStaleAsync(server);
                    var building = name + "_building";
                    await ExecuteAsync($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    await ExecuteAsync($"CREATE DATABASE \"{building}\"");
                    await BuildTemplateAsync(building);
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(8412)", server);
                await unlock.ExecuteNonQueryAsync();
            }
            return _template = name;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Templates of older models and clones left by an interrupted run.</summary>
    private static async Task DropStaleAsync(NpgsqlConnection server)
    {
        var stale = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'bo\\_t%'", server))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stale.Add(reader.GetString(0));
        foreach (var db in stale) await ExecuteAsync($"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)");
    }

    private static Task BuildTemplateAsync(string database) => BuildAsync(ConnectionStringFor(database));

    /// <summary>Migrates the database of <paramref name="connectionString"/> (its owner or a superuser), grants the app role and adds the test staff.</summary>
    public static async Task BuildAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<BackOfficeDbContext>(o => BackOfficeDbContext.Configure(o, connectionString));
        services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<BackOfficeDbContext>();
        await using var provider = services.BuildServiceProvider();
        await Commands.MigrateAsync(provider);
        await using (var grants = provider.CreateAsyncScope())
            await DatabaseRoles.GrantAppRoleAsync(grants.ServiceProvider.GetRequiredService<BackOfficeDbContext>(), AppRole);
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var (email, role, name) in Staff)
        {
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, LockoutEnabled = true };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
    }

    /// <summary>Changes whenever a migration or the test staff change, so a stale template is never used.</summary>
    private static string ModelKey()
    {
        var migrations = typeof(BackOffice.Migrations.DesignTimeDbContextFactory).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().FirstOrDefault()?.Id)
            .Where(id => id is not null).Order();
        // Deterministic builds: a module's MVID changes exactly when its code does (reference data included).
        var text = string.Join("|", migrations) + "|" + string.Join("|", Staff) + "|" +
                   typeof(BackOffice.Migrations.DesignTimeDbContextFactory).Assembly.ManifestModule.ModuleVersionId + "|" +
                   typeof(BackOfficeDbContext).Assembly.ManifestModule.ModuleVersionId;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
