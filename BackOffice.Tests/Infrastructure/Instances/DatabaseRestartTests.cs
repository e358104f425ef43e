using System.Diagnostics;
using System.Net;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Npgsql;

namespace BackOffice.Tests.Infrastructure.Instances;

/// <summary>
/// A PostgreSQL cluster of this test's own (under .data/restart/, made and started by scripts/services.sh like the test
/// cluster), so restarting it disturbs no other test.
/// </summary>
public sealed class PrivateCluster : IAsyncLifetime
{
    private const string Name = "restart";
    public string Database { get; } = "bo_restart_" + Guid.NewGuid().ToString("N")[..12];
    public string OwnerConnection { get; private set; } = "";
    public string AppConnection { get; private set; } = "";
    public string Documents { get; } = Path.Combine(Path.GetTempPath(), "bo-restart-docs-" + Guid.NewGuid().ToString("N")[..8]);

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "test.sh"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("test.sh not found above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        var lines = (await ServicesAsync($"start_cluster {Name} fast; ensure_roles {Name} {Database}; " +
                                         "echo \"$OWNER_CONNECTION\"; echo \"$APP_CONNECTION\"")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        (OwnerConnection, AppConnection) = (lines[^2], lines[^1]);
        await TestDatabase.BuildAsync(new NpgsqlConnectionStringBuilder(OwnerConnection) { Pooling = false }.ConnectionString);
    }

    /// <summary>pg_ctl restart -m fast: every connection is cut, and the server is back when this returns.</summary>
    public Task RestartAsync() => ServicesAsync($"restart_cluster {Name}");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ServicesAsync($"stop_cluster {Name}");
        if (Directory.Exists(Documents)) Directory.Delete(Documents, recursive: true);
    }

    private static async Task<string> ServicesAsync(string commands)
    {
        var start = new ProcessStartInfo("/bin/bash", ["-c", $"set -euo pipefail; source scripts/services.sh; {commands}"])
        {
            WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/services.sh: {commands} failed ({process.ExitCode}): {await errors}");
        return await output;
    }
}

/// <summary>
/// The app survives a PostgreSQL restart without being restarted itself (issue 17): while the cluster restarts under a stream
/// of signed-in requests, each answers 200 or the 503 page (never a 500 or a stack trace), and once the database is back
/// every request works again.
/// </summary>
public class DatabaseRestartTests(PrivateCluster cluster, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PrivateCluster>
{
    [Fact]
    public async Task DuringARestart_RequestsGetThe503Page_AndAfterItEveryRequestWorks()
    {
        await using var app = new AppInstance(cluster.Database, cluster.Documents, smtpPort: 25, connectionString: cluster.AppConnection);
        var address = app.Start();
        var client = app.Client(address, new CookieContainer());
        var login = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = TestDatabase.EmailOf(Roles.Administrator), ["Input.Password"] = TestDatabase.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        // Each answer with the time its request was sent.
        var answers = new List<(TimeSpan At, HttpStatusCode Status, string Title)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            var urls = new[] { "/Queues/AwaitingReview", "/Persons?q=virtanen", "/" };
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var sent = clock.Elapsed;
                var response = await client.GetAsync(urls[i % urls.Length]);
                var title = response.StatusCode == HttpStatusCode.ServiceUnavailable ? (await response.ParseAsync()).Text("[data-testid=error-title]") : "";
                lock (answers) answers.Add((sent, response.StatusCode, title));
                await Task.Delay(20);
            }
        });
        int Count(Func<(TimeSpan At, HttpStatusCode Status, string Title), bool> which) { lock (answers) return answers.Count(which); }
        async Task UntilAsync(Func<bool> condition)
        {
            for (var waited = Stopwatch.StartNew(); !condition() && waited.Elapsed < TimeSpan.FromSeconds(30);) await Task.Delay(50);
        }
        await UntilAsync(() => Count(a => a.Status == HttpStatusCode.OK) >= 3);
        var restartAt = clock.Elapsed;
        await cluster.RestartAsync();
        var backAt = clock.Elapsed;
        // A second after the server is back, and then a few requests more.
        await UntilAsync(() => Count(a => a.At > backAt + TimeSpan.FromSeconds(1)) >= 10);
        stop.Cancel();
        await load;

        List<(TimeSpan At, HttpStatusCode Status, string Title)> seen;
        lock (answers) seen = [.. answers];
        Assert.All(seen, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Status} at {a.At}"));
        Assert.All(seen.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.Equal("The database is not answering", a.Title));
        Assert.Contains(seen, a => a.At < restartAt && a.Status == HttpStatusCode.OK);
        // A second after the server is back, every request works, on the same app (no restart of its own).
        var settled = seen.Where(a => a.At > backAt + TimeSpan.FromSeconds(1)).ToList();
        Assert.NotEmpty(settled);
        Assert.All(settled, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        output.WriteLine($"Database restart: {seen.Count} requests, {seen.Count(a => a.Status != HttpStatusCode.OK)} answered 503, " +
                          $"restart took {(backAt - restartAt).TotalMilliseconds:0} ms, {seen.Count(a => a.At > backAt && a.Status != HttpStatusCode.OK)} 503s after it was back");
    }
}
