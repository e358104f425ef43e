using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackOffice.Tests.Infrastructure.Cli;

/// <summary>
/// docs/operations.md, "A production start": from an empty database to a signed-in System administrator, with the app's own
/// binary as an operator runs it (migrate as the owner, invite-staff as the app's role, in Production) and the pages in a
/// browser's place (the one-time link, the password, the authenticator app enrolled at the first sign-in).
/// </summary>
public partial class FirstAccountTests : IAsyncLifetime
{
    private readonly string _database = "bo_t_first_" + Guid.NewGuid().ToString("N")[..12];
    private static readonly string WebFolder = Path.Combine(ArchitectureTests.SourceRoot(), "BackOffice.Web");
    private static readonly string Binary = Path.Combine(WebFolder, "bin", "Debug", "net10.0", "BackOffice.Web.dll");

    public async Task InitializeAsync()
    {
        await using var server = new NpgsqlConnection(TestDatabase.ConnectionStringFor("postgres"));
        await server.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", server);
        await create.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => TestDatabase.DropAsync(_database);

    /// <summary>The binary, run from its content root in Production, as docs/operations.md shows; its exit code and what it printed.</summary>
    private async Task<(int Exit, string Output)> RunAsync(string connection, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Binary, .. args])
        {
            WorkingDirectory = WebFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__BackOffice"] = connection,
                ["Database__AppRole"] = TestDatabase.AppRole,
                ["Audit__CheckpointKey"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("backoffice-test-audit-key-32-bytes!")),
                ["Audit__CheckpointKeyId"] = "test",
                ["DataProtection__Key"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("backoffice-test-dp-key-32-bytes!")),
                ["DataProtection__KeyId"] = "test",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private sealed class OnTheDatabase(string database) : BackOfficeFactory
    {
        protected override string ConnectionString => TestDatabase.AppConnectionStringFor(database);

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:RequireTwoFactor", "true"); // as in production
        }
    }

    [Fact]
    public async Task AnEmptyDatabase_MigrateThenInviteStaff_GivesASignedInSystemAdministrator()
    {
        var owner = TestDatabase.ConnectionStringFor(_database);
        var app = TestDatabase.AppConnectionStringFor(_database);

        var migrated = await RunAsync(owner, "migrate");
        Assert.True(migrated.Exit == 0, migrated.Output);

        var invited = await RunAsync(app, "invite-staff", "--email", "ilona.ensimmainen@office.example", "--name", "Ilona Ensimmäinen",
            "--role", "SystemAdministrator", "--url", "https://backoffice.office.example");
        Assert.True(invited.Exit == 0, invited.Output);
        Assert.Contains("Invited Ilona Ensimmäinen <ilona.ensimmainen@office.example> as SystemAdministrator.", invited.Output);
        var link = LinkPattern().Match(invited.Output).Value;
        Assert.StartsWith("https://backoffice.office.example/Account/SetPassword?token=", link);

        await using var site = new OnTheDatabase(_database);
        var browser = site.NewClient();
        var path = new Uri(link).PathAndQuery;
        Assert.Contains("Ilona Ensimmäinen", (await browser.GetDocumentAsync(path)).Text("[data-testid=whose]"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync(path, new() { ["Password"] = "Ensimmäinen-2026", ["Repeat"] = "Ensimmäinen-2026" })).StatusCode);
        var signIn = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "ilona.ensimmainen@office.example", ["Input.Password"] = "Ensimmäinen-2026" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/Account/Manage/Authenticator", (await browser.GetAsync("/Admin/Users")).Headers.Location!.OriginalString);
        await site.EnrolAsync(browser);

        var staff = await browser.GetDocumentAsync("/Admin/Users");
        Assert.Equal("Ilona Ensimmäinen", staff.Text("[data-testid=staff] tbody tr td a"));
        Assert.Contains(staff.QuerySelectorAll("[data-testid=nav] a").Select(a => a.GetAttribute("href")), h => h == "/Admin/Users");
        Assert.Contains("already been used", (await site.NewClient().GetDocumentAsync(path)).Text("[data-testid=link-refused]"));

        await using var db = TestDatabase.Context(_database);
        var events = await db.AuditEvents.OrderBy(e => e.Position).Select(e => new { e.Action, e.ActorName }).ToListAsync();
        Assert.Equal(new { Action = AuditActions.StaffInvited, ActorName = "invite-staff (command line)" }, events[0]);
        Assert.Contains(events, e => e.Action == AuditActions.TwoFactorEnabled && e.ActorName == "Ilona Ensimmäinen");
        // The account's event log names who invited her in the reader's language.
        var account = await browser.GetDocumentAsync((await browser.GetDocumentAsync("/Admin/Users")).QuerySelector("[data-testid=staff] tbody tr td a")!.GetAttribute("href")!);
        Assert.Contains("the command line (invite-staff) invited Ilona Ensimmäinen (ilona.ensimmainen@office.example) as System administrator", account.Text("[data-testid=events]"));
    }

    [Fact]
    public async Task InviteStaff_RefusesWhatThePagesRefuse_AndSaysHowToUseIt()
    {
        var owner = TestDatabase.ConnectionStringFor(_database);
        var app = TestDatabase.AppConnectionStringFor(_database);
        Assert.Equal(0, (await RunAsync(owner, "migrate")).Exit);

        var separated = await RunAsync(app, "invite-staff", "--email", "a@office.example", "--name", "A", "--role", "SystemAdministrator", "--role", "Reviewer", "--url", "https://x.example");
        Assert.Equal(2, separated.Exit);
        Assert.Contains("Not invited: A System administrator cannot also hold a case role.", separated.Output);

        Assert.Equal(0, (await RunAsync(app, "invite-staff", "--email", "b@office.example", "--name", "B", "--role", "Auditor", "--url", "https://x.example")).Exit);
        var twice = await RunAsync(app, "invite-staff", "--email", "B@office.example", "--name", "B again", "--role", "Auditor", "--url", "https://x.example");
        Assert.Equal(2, twice.Exit);
        Assert.Contains("Not invited: The e-mail address is in use.", twice.Output);

        var noUrl = await RunAsync(app, "invite-staff", "--email", "c@office.example", "--name", "C", "--role", "Auditor");
        Assert.Equal(2, noUrl.Exit);
        Assert.Contains("--url https://", noUrl.Output);
        var usage = await RunAsync(app, "invite-staff", "--email", "d@office.example");
        Assert.Equal(2, usage.Exit);
        Assert.Contains("Usage: invite-staff", usage.Output);
    }

    [GeneratedRegex(@"https://\S+/Account/SetPassword\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();
}
