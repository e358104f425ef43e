using System.Net;
using BackOffice.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BackOffice.Tests.Support;

/// <summary>
/// The real app over HTTP on its own cloned PostgreSQL database. One per test class (IClassFixture);
/// sign in as a role with <see cref="SignInAsync"/>, which submits the real form with its antiforgery token.
/// </summary>
public class BackOfficeFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    // Each host would watch its settings files and wwwroot (asp-append-version) with inotify instances, and the machine allows
    // 128 per user, shared by every test run on it: a run with many hosts alive (and the app's own processes in
    // FirstAccountTests, which inherit this) ran out. Tests never edit those files: no reloading, and polling where a watch remains.
    static BackOfficeFactory()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public string Database { get; private set; } = "";
    public string DocumentsPath { get; } = Path.Combine(Path.GetTempPath(), "bo-docs-" + Guid.NewGuid().ToString("N")[..8]);
    /// <summary>The app's clock: tests move it instead of waiting.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public virtual async Task InitializeAsync() => Database = await TestDatabase.CloneAsync();

    Task IAsyncLifetime.DisposeAsync() => CleanUpAsync();

    protected virtual async Task CleanUpAsync()
    {
        await base.DisposeAsync();
        if (Database.Length > 0) await TestDatabase.DropAsync(Database);
        if (Directory.Exists(DocumentsPath)) Directory.Delete(DocumentsPath, recursive: true);
    }

    /// <summary>The app under test signs in as the least-privilege app role, as in production.</summary>
    protected virtual string ConnectionString => TestDatabase.AppConnectionStringFor(Database);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:BackOffice", ConnectionString);
        builder.UseSetting("Documents:Path", DocumentsPath);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Environment.GetEnvironmentVariable("BACKOFFICE_TEST_SMTP_PORT") ?? "25");
        builder.UseSetting("Smtp:Security", "None");
        // Tests send by calling OutboxSender.ProcessBatchAsync themselves, so what is sent when is deterministic.
        builder.UseSetting("Outbox:Enabled", "false");
        // Background exports too: a test runs them with ExportJobs.RunNextAsync.
        builder.UseSetting("Exports:PollSeconds", "0");
        // Likewise revocations: tests call RevocationSender.ProcessBatchAsync after moving the clock.
        builder.UseSetting("Revocation:SenderEnabled", "false");
        // A test key (not a secret: only test databases are signed with it); checkpoints only when a test asks for one.
        builder.UseSetting("Audit:CheckpointKey", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("backoffice-test-audit-key-32-bytes!")));
        builder.UseSetting("Audit:CheckpointKeyId", "test");
        builder.UseSetting("Audit:CheckpointPollSeconds", "0");
        // The same for the data-protection keys kept in the database (not a secret: test databases only).
        builder.UseSetting("DataProtection:Key", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("backoffice-test-dp-key-32-bytes!")));
        builder.UseSetting("DataProtection:KeyId", "test");
        // The secure messages (issue 15): the retention job runs when a test calls it; mailed links point at the test host.
        builder.UseSetting("SecureMessages:RetentionEnabled", "false");
        builder.UseSetting("SecureMessages:PublicBaseUrl", "https://localhost");
        // Two-factor is on by default outside Development; the tests of other areas sign in with the password alone, as their
        // roles' pages do not change with it. Tests of the second factor turn it on (TwoFactorFactory) and enrol through the pages.
        builder.UseSetting("Security:RequireTwoFactor", "false");
        // Every test client comes from the same address, and a class signs in dozens of times a minute; the limits' own
        // tests (SignInRateLimitTests) set them low.
        builder.UseSetting("Security:SignInPerIpPerMinute", "100000");
        builder.UseSetting("Security:SignInPerAccountPerMinute", "100000");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client over https://localhost (the cookies are Secure), not following redirects so tests see them.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>A client signed in as the test staff member with that e-mail (see <see cref="TestDatabase.Staff"/>).</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = NewClient();
        var response = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestDatabase.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public Task<HttpClient> SignInAsRoleAsync(string role) => SignInAsync(TestDatabase.EmailOf(role));

    public BackOfficeDbContext Db() => TestDatabase.Context(Database);
}
