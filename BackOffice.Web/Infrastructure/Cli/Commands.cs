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

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        await db.Database.MigrateAsync(ct);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role));
        await ReferenceData.EnsureAsync(db, ct);
    }
}
