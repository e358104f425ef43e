using System.Net;
using System.Text.Json;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Exports;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Pages.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackOffice.Tests.Pages.Reports;

/// <summary>Holds a running export after a given row until the test lets it go on, so its progress can be seen mid-way.</summary>
public sealed class ExportGate
{
    public int PauseAfterRow { get; set; } = int.MaxValue;
    public SemaphoreSlim Reached { get; } = new(0);
    public SemaphoreSlim Release { get; } = new(0);
}

public sealed class GatedReport(IRowReport inner, ExportGate gate) : IRowReport
{
    public ExportReport Report => inner.Report;
    public string Code => inner.Code;
    public Task<long> CountAsync(ReportFilter filter, long? cap, CancellationToken ct) => inner.CountAsync(filter, cap, ct);
    public Task WriteAsync(ReportFilter filter, TableWriter writer, Func<long, Task> progress, CancellationToken ct) =>
        inner.WriteAsync(filter, writer, async n =>
        {
            await progress(n);
            if (n != gate.PauseAfterRow) return;
            gate.Reached.Release();
            await gate.Release.WaitAsync(ct);
        }, ct);
}

/// <summary>The app with a background threshold of 3 rows, progress reported after every row, no worker of its own (the test runs the jobs).</summary>
public class JobsFactory : BackOfficeFactory
{
    public string ExportsPath { get; } = Path.Combine(Path.GetTempPath(), "bo-exports-" + Guid.NewGuid().ToString("N")[..8]);
    public ExportGate Gate { get; } = new();
    protected virtual string ExportsSetting => ExportsPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Exports:BackgroundThreshold", "3");
        builder.UseSetting("Exports:ProgressEveryRows", "1");
        builder.UseSetting("Exports:PollSeconds", "0");
        builder.UseSetting("Exports:Path", ExportsSetting);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IRowReport>();
            services.AddScoped<IRowReport, AuditTrailReport>();
            services.AddScoped<IRowReport>(sp => new GatedReport(ActivatorUtilities.CreateInstance<HistoryReport>(sp), Gate));
        });
    }

    protected override async Task CleanUpAsync()
    {
        await base.CleanUpAsync();
        if (Directory.Exists(ExportsPath)) Directory.Delete(ExportsPath, recursive: true);
    }

    public ExportJobs Jobs => Services.GetRequiredService<ExportJobs>();

    /// <summary>Runs every waiting export (the tests of a class share a database, so earlier ones may have left some).</summary>
    public async Task DrainAsync()
    {
        while (await Jobs.RunNextAsync()) { }
    }
}

/// <summary>A big export runs in the background: from the request, through its progress, to the download — by its requester only, until it expires.</summary>
public class JobsTests(JobsFactory app) : IClassFixture<JobsFactory>
{
    private async Task<(Guid JobId, Application Application, HttpClient Auditor)> RequestAsync(string format = "xlsx")
    {
        await app.DrainAsync();
        var application = await app.InjectedApplicationAsync();
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);
        var response = await auditor.SubmitFormAsync($"/Reports/History?person={application.PersonId}", new() { ["format"] = format }, "form[data-testid=export-form]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/Reports/Jobs/[0-9a-f-]{36}$", location);
        return (Guid.Parse(location[^36..]), application, auditor);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/Reports/Jobs/{id}/Status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task ABigExport_IsQueued_ShowsItsProgress_ThenItsDownload_AndIsAudited()
    {
        var (id, application, auditor) = await RequestAsync();
        long rows;
        await using (var db = app.Db()) rows = await db.HistoryEntries.CountAsync(h => h.ApplicationId == application.Id) + await db.Decisions.CountAsync(d => d.ApplicationId == application.Id);
        Assert.True(rows > 3);

        var queued = await auditor.GetDocumentAsync($"/Reports/Jobs/{id}");
        Assert.Equal("0", queued.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal("Waiting to start.", queued.Text("[data-testid=job-status]"));
        Assert.Contains("http-equiv=\"refresh\"", queued.QuerySelector("noscript")!.InnerHtml);
        Assert.True(queued.QuerySelector("[data-testid=download]")!.HasAttribute("hidden"));

        app.Gate.PauseAfterRow = 2;
        var run = Task.Run(() => app.Jobs.RunNextAsync());
        Assert.True(await app.Gate.Reached.WaitAsync(TimeSpan.FromSeconds(30)), "the export did not reach its second row");
        var status = await StatusAsync(auditor, id);
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal(2, status.GetProperty("rowsWritten").GetInt64());
        Assert.Equal(2 * 100 / rows, status.GetProperty("percent").GetInt32());
        var running = await auditor.GetDocumentAsync($"/Reports/Jobs/{id}");
        Assert.Equal((2 * 100 / rows).ToString(), running.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal($"2 of about {rows} rows written.", running.Text("[data-testid=job-status]"));
        app.Gate.Release.Release();
        Assert.True(await run);
        app.Gate.PauseAfterRow = int.MaxValue;

        var done = await auditor.GetDocumentAsync($"/Reports/Jobs/{id}");
        Assert.Equal($"Ready: {rows} rows.", done.Text("[data-testid=job-status]"));
        Assert.Null(done.QuerySelector("noscript"));
        Assert.False(done.QuerySelector("[data-testid=download]")!.HasAttribute("hidden"));
        Assert.True((await StatusAsync(auditor, id)).GetProperty("done").GetBoolean());

        var download = await auditor.GetAsync(done.QuerySelector("[data-testid=download-link]")!.GetAttribute("href"));
        using var workbook = await download.WorkbookAsync();
        Assert.Equal(["About", "History"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(rows, workbook.Worksheet("History").DataRows().Count);
        Assert.All(workbook.Worksheet("History").DataRows(), r => Assert.False(r.Cell(3).HasFormula));

        await using var check = app.Db();
        var events = await check.AuditEvents.Where(e => e.Action == AuditActions.ReportExported || e.Action == AuditActions.ReportDownloaded)
            .OrderBy(e => e.Position).ToListAsync();
        Assert.Equal([AuditActions.ReportExported, AuditActions.ReportDownloaded], events.TakeLast(2).Select(e => e.Action));
        Assert.All(events.TakeLast(2), e => Assert.Equal("Aino Korhonen", e.ActorName));
        Assert.Contains($"\"rows\": \"{rows}\"", events[^2].Details);
        Assert.Equal(application.PersonId, events[^2].PersonId);
    }

    [Fact]
    public async Task SomeoneElse_IsRefused_AndAnExpiredExport_IsGone()
    {
        var (id, _, auditor) = await RequestAsync("csv");
        await app.DrainAsync();

        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var page = await admin.GetAsync($"/Reports/Jobs/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("This export was asked for by another staff member: only they can see and download it.", (await page.ParseAsync()).Text("[data-testid=refusal]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Reports/Jobs/{id}/Download")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Reports/Jobs/{id}/Status")).StatusCode);
        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/Reports/Jobs/{id}/Download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/Reports/Jobs/{Guid.NewGuid()}/Download")).StatusCode);

        var (header, _) = await (await auditor.GetAsync($"/Reports/Jobs/{id}/Download")).CsvAsync();
        Assert.Equal("Time", header[0]);
        string file;
        await using (var db = app.Db()) file = Path.Combine(app.ExportsPath, (await db.ExportJobs.SingleAsync(j => j.Id == id)).StorageKey!);
        Assert.True(File.Exists(file));

        app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.True(await app.Jobs.SweepAsync() >= 1);
        Assert.False(File.Exists(file));
        auditor = await app.SignInAsRoleAsync(Roles.Auditor); // a session lasts 8 hours
        var expired = await auditor.GetAsync($"/Reports/Jobs/{id}/Download");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("This export has expired and its file has been removed. Ask for it again.", (await expired.ParseAsync()).Text("[data-testid=refusal]"));
        await using (var db = app.Db()) Assert.Equal(ExportJobState.Expired, (await db.ExportJobs.SingleAsync(j => j.Id == id)).State);
    }

    [Fact]
    public async Task TwoInstances_RunTwoWaitingExports_OnceEach()
    {
        var first = await RequestAsync("csv");
        var application = await app.InjectedApplicationAsync();
        var response = await first.Auditor.SubmitFormAsync($"/Reports/History?person={application.PersonId}", new() { ["format"] = "csv" }, "form[data-testid=export-form]");
        var second = (JobId: Guid.Parse(response.Headers.Location!.OriginalString[^36..]), 0);
        var runs = await Task.WhenAll(Task.Run(() => app.Jobs.RunNextAsync()), Task.Run(() => app.Jobs.RunNextAsync()));
        Assert.All(runs, Assert.True);
        await using var db = app.Db();
        var jobs = await db.ExportJobs.Where(j => j.Id == first.JobId || j.Id == second.JobId).ToListAsync();
        Assert.All(jobs, j => Assert.Equal((ExportJobState.Done, 1), (j.State, j.Attempts)));
    }

    [Fact]
    public async Task TheReportsPage_ListsTheRequestersOwnExports()
    {
        var (id, _, auditor) = await RequestAsync("csv");
        var page = await auditor.GetDocumentAsync("/Reports");
        Assert.NotNull(page.QuerySelector($"[data-testid=jobs] a[href='/Reports/Jobs/{id}']"));
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        Assert.Null((await admin.GetDocumentAsync("/Reports")).QuerySelector($"a[href='/Reports/Jobs/{id}']"));
    }
}

/// <summary>An export whose file cannot be written fails, and its page says why.</summary>
public class FailedJobTests(FailedJobTests.UnwritableFactory app) : IClassFixture<FailedJobTests.UnwritableFactory>
{
    public sealed class UnwritableFactory : JobsFactory
    {
        protected override string ExportsSetting => "/proc/backoffice-exports";
    }

    [Fact]
    public async Task AnExportThatCannotBeWritten_Fails_AndThePageSaysWhy()
    {
        var application = await app.InjectedApplicationAsync();
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);
        var response = await auditor.SubmitFormAsync($"/Reports/History?person={application.PersonId}", new() { ["format"] = "xlsx" }, "form[data-testid=export-form]");
        var location = response.Headers.Location!.OriginalString;

        Assert.True(await app.Jobs.RunNextAsync());

        var page = await auditor.GetDocumentAsync(location);
        Assert.StartsWith("The export failed: the file could not be written on the server's disk.", page.Text("[data-testid=job-status]"));
        Assert.True(page.QuerySelector("[data-testid=download]")!.HasAttribute("hidden"));
        var download = await auditor.GetAsync(location + "/Download");
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
        await using var db = app.Db();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ReportExported));
    }
}
