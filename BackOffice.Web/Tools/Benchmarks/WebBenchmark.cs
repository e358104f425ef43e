using System.Net;
using System.Text;
using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace BackOffice.Web.Tools.Benchmarks;

/// <summary>
/// <c>serve-bench</c>: the real app on the bench database (scripts/bench-web.sh), plus what only a measurement needs: a staff
/// account to sign in with, and <c>/bench/raw-search</c>, the person search's name query run straight through Npgsql and written
/// as plain HTML, so the pages' cost can be set against the query's own.
/// </summary>
public static class WebBenchmark
{
    public const string Email = "bench@backoffice.test";

    /// <summary>One bench account per role (the Administrator's is <see cref="Email"/>), for each role's home page.</summary>
    public static readonly IReadOnlyList<(string Email, string Role, string Name)> Accounts =
    [
        (Email, Roles.Administrator, "Bench Administrator"),
        ("bench-reviewer@backoffice.test", Roles.Reviewer, "Bench Reviewer"),
        ("bench-auditor@backoffice.test", Roles.Auditor, "Bench Auditor"),
        ("bench-sysadmin@backoffice.test", Roles.SystemAdministrator, "Bench System administrator"),
    ];

    public static async Task<int> ServeAsync(WebApplication app, CancellationToken ct = default)
    {
        var connectionString = app.Configuration.GetConnectionString("BackOffice") ?? "";
        if (!new NpgsqlConnectionStringBuilder(connectionString).Database!.Contains("bench", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync("serve-bench runs only on a database whose name contains \"bench\".");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("BENCH_PASSWORD");
        if (string.IsNullOrEmpty(password) || password.Length < 12)
        {
            await Console.Error.WriteLineAsync("Set BENCH_PASSWORD (12 characters or more) for the bench account.");
            return 2;
        }
        await EnsureAccountAsync(app.Services, password);

        var dataSource = NpgsqlDataSource.Create(BackOffice.Data.BackOfficeDbContext.WithoutJit(connectionString));
        app.MapGet("/bench/raw-search", async (string q, HttpContext http) =>
        {
            var html = new StringBuilder("<!DOCTYPE html><html><head><title>raw</title></head><body><table>");
            await using var command = dataSource.CreateCommand("""
                SELECT p.id, p.first_names, p.last_name, p.date_of_birth FROM persons p
                WHERE p.search_text LIKE search_normalize(@pattern) ESCAPE '\'
                ORDER BY p.last_name, p.first_names, p.id LIMIT 25
                """);
            command.Parameters.AddWithValue("pattern", BackOffice.Data.Search.SearchText.Contains(q));
            await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
            while (await reader.ReadAsync(http.RequestAborted))
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode(reader.GetString(2))).Append(", ").Append(WebUtility.HtmlEncode(reader.GetString(1)))
                    .Append("</td><td>").Append(reader.GetFieldValue<DateOnly>(3).ToString("d", System.Globalization.CultureInfo.InvariantCulture)).Append("</td></tr>");
            html.Append("</table></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();

        await app.RunAsync();
        return 0;
    }

    private static async Task EnsureAccountAsync(IServiceProvider services, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var (email, role, name) in Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Check(await users.CreateAsync(user, password));
                Check(await users.AddToRoleAsync(user, role));
            }
            else
            {
                Check(await users.RemovePasswordAsync(user));
                Check(await users.AddPasswordAsync(user, password));
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
