using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>Where background exports keep their files until they expire (<c>Exports:Path</c>, a folder every app instance shares).</summary>
public sealed class ExportFiles(IOptions<ExportOptions> options, IWebHostEnvironment env)
{
    private string Root => Path.GetFullPath(Path.Combine(env.ContentRootPath, options.Value.Path));

    public string PathOf(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '.') ? Path.Combine(Root, key) : throw new ArgumentException("Not an export file key.", nameof(key));

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
    }
}

/// <summary>
/// Background exports: <see cref="RequestAsync"/> queues one; <see cref="RunNextAsync"/> (any app instance) claims the oldest
/// waiting job with <c>FOR UPDATE SKIP LOCKED</c>, counts its rows, writes its file with progress a few thousand rows at a time,
/// and completes it with its audit event in one transaction; <see cref="SweepAsync"/> removes files past their retention. A job
/// whose instance died (no progress for <see cref="ExportJob.AbandonedAfter"/>) is claimed again, at most <see cref="ExportJob.MaxAttempts"/> times.
/// </summary>
public sealed class ExportJobs(IServiceScopeFactory scopes, ExportFiles files, TimeProvider clock, IOptions<ExportOptions> options, ILogger<ExportJobs> log)
{
    public static async Task<ExportJob> RequestAsync(BackOfficeDbContext db, IRowReport report, ReportFilter filter, ExportFormat format, Actor by,
        long rowsEstimated, DateTimeOffset at, CancellationToken ct = default)
    {
        var job = ExportJob.Request(report.Report, format, filter.ToValues(), by, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, rowsEstimated, at);
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>Runs one waiting job, if there is one; returns whether it found one.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct = default)
    {
        Guid id;
        int attempt;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var abandoned = clock.GetUtcNow() - ExportJob.AbandonedAfter;
            var job = (await db.ExportJobs.FromSql($"""
                SELECT * FROM export_jobs
                WHERE state = {nameof(ExportJobState.Queued)} OR (state = {nameof(ExportJobState.Running)} AND heartbeat_at < {abandoned})
                ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)).SingleOrDefault();
            if (job is null) return false;
            var claimed = job.Claim(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (!claimed)
            {
                log.LogWarning("Export {JobId} was abandoned {Attempts} times; it failed", job.Id, job.Attempts);
                return true;
            }
            (id, attempt) = (job.Id, job.Attempts);
        }
        await RunAsync(id, attempt, ct);
        return true;
    }

    private async Task RunAsync(Guid id, int attempt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<BackOfficeDbContext>();
        var job = await db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct);
        // The file speaks the requester's language, whoever's instance writes it.
        var culture = CultureInfo.GetCultureInfo(job.Language);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);

        var exports = services.GetRequiredService<RowExports>();
        var report = exports.For(job.Report);
        var filter = ReportFilter.FromValues(job.FilterValues());
        var by = new Actor(job.RequestedById, job.RequestedByName);
        var key = $"{job.Id:N}.{(job.Format == ExportFormat.Xlsx ? "xlsx" : "csv")}";
        var path = files.PathOf(key);
        var part = path + ".part";
        try
        {
            var estimate = await report.CountAsync(filter, null, ct);
            await ProgressAsync(id, attempt, 0, estimate, ct);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            long reported = 0;
            var lastReport = clock.GetUtcNow();
            long rows;
            await using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                rows = await exports.WriteAsync(report, filter, job.Format, by, file, async n =>
                {
                    if (n - reported < options.Value.ProgressEveryRows && clock.GetUtcNow() - lastReport < TimeSpan.FromSeconds(2)) return;
                    (reported, lastReport) = (n, clock.GetUtcNow());
                    await ProgressAsync(id, attempt, n, estimate, ct);
                }, ct);
            File.Move(part, path, overwrite: true);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var current = await db.ExportJobs.FromSql($"SELECT * FROM export_jobs WHERE id = {id} FOR UPDATE").SingleAsync(ct);
            if (current.State != ExportJobState.Running || current.Attempts != attempt)
            {
                File.Delete(path); // another instance took the job over meanwhile: its file is the one kept
                return;
            }
            var now = clock.GetUtcNow();
            current.Complete(key, exports.FileName(report, job.Format, job.RequestedAt), new FileInfo(path).Length, rows, now, TimeSpan.FromHours(options.Value.RetentionHours));
            db.AuditEvents.Add(RowExports.Event(now, by, report.Code, filter, job.Format, rows));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            log.LogInformation("Export {JobId} ({Report}, {Format}) done: {Rows} rows", id, report.Code, job.Format, rows);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Export {JobId} ({Report}, {Format}) failed", id, report.Code, job.Format);
            if (File.Exists(part)) File.Delete(part);
            await FailAsync(id, attempt, FailureCode(e), CancellationToken.None);
        }
    }

    /// <summary>Why an export failed, as the page says it: the disk, the database, or something else (the log has the details).</summary>
    private static string FailureCode(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException => "Export.Failed.Storage",
        Npgsql.NpgsqlException or DbUpdateException or TimeoutException => "Export.Failed.Database",
        _ => "Export.Failed.Unexpected",
    };

    private async Task ProgressAsync(Guid id, int attempt, long rows, long estimate, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        var job = await db.ExportJobs.SingleAsync(j => j.Id == id, ct);
        if (job.State != ExportJobState.Running || job.Attempts != attempt) throw new OperationCanceledException("The export was taken over by another instance.");
        job.ReportProgress(rows, estimate, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private async Task FailAsync(Guid id, int attempt, string code, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        var job = await db.ExportJobs.SingleAsync(j => j.Id == id, ct);
        if (job.Attempts != attempt) return;
        job.Fail(code, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes the files of exports past their retention; the jobs stay, marked expired. Returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        var now = clock.GetUtcNow();
        var expired = await db.ExportJobs.Where(j => j.State == ExportJobState.Done && j.ExpiresAt <= now).OrderBy(j => j.ExpiresAt).Take(100).ToListAsync(ct);
        foreach (var job in expired)
        {
            if (job.StorageKey is { } key) files.Delete(key);
            job.Expire(now);
        }
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }
}

/// <summary>The hosted loop: every <c>Exports:PollSeconds</c>, the waiting exports one after another, then the sweep of expired files.</summary>
public sealed class ExportJobWorker(ExportJobs jobs, IOptions<ExportOptions> options, TimeProvider clock, ILogger<ExportJobWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds <= 0) return;
        var pause = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await jobs.RunNextAsync(stoppingToken)) { }
                await jobs.SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning("No exports this round: {Message}", e.Message);
            }
            try { await Task.Delay(pause, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
