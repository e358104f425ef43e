using BackOffice.Data;
using BackOffice.Web.Infrastructure.Documents;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackOffice.Web.Infrastructure.Health;

/// <summary>
/// What a load balancer asks (issue 17): <c>/health/live</c> — the process answers (no check, never the database);
/// <c>/health/ready</c> — this instance can serve: the database answers, every migration this build knows is applied, and the
/// document store keeps a document now. Both anonymous; the answer is one word (Healthy, Unhealthy), nothing about anyone.
/// <c>/health</c> stays as the readiness check for what already polls it.
/// </summary>
public static class Readiness
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddBackOfficeHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Tag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Tag])
            .AddCheck<DocumentStoreHealthCheck>("documents", tags: [Tag]);

    public static bool IsHealthPath(HttpContext context) => context.Request.Path.StartsWithSegments("/health");

    public static void MapBackOfficeHealthChecks(this WebApplication app)
    {
        var ready = Options(check => check.Tags.Contains(Tag));
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health/live", Options(_ => false)).AllowAnonymous();
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
        AllowCachingResponses = false,
    };
}

/// <summary>Ready only when the database holds every migration this build has (a node started before <c>migrate</c> ran is not).</summary>
public sealed class MigrationsHealthCheck(BackOfficeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migrations are not applied: run migrate.");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The migrations could not be read: " + e.GetType().Name);
        }
    }
}

/// <summary>Ready only when the document store writes, commits, reads back and removes a probe (a shared volume gone read-only or away is not).</summary>
public sealed class DocumentStoreHealthCheck(IDocumentStore documents) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await documents.ProbeAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The document store cannot keep a document: " + e.GetType().Name);
        }
    }
}
