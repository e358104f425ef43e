using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Tests.Pages.Reports;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure.Instances;

/// <summary>Two real app instances on two ports, one database, one document folder and one SMTP server, both running their jobs.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public string Database { get; private set; } = "";
    public string Documents { get; } = Path.Combine(Path.GetTempPath(), "bo-shared-docs-" + Guid.NewGuid().ToString("N")[..8]);
    public SmtpSink Smtp { get; } = new();
    /// <summary>The one certificate authority both instances' revocation senders call, answering after a moment (so the senders overlap).</summary>
    public TestAuthority Authority { get; } = new(TimeProvider.System) { Delay = TimeSpan.FromMilliseconds(50) };
    public AppInstance A { get; private set; } = null!;
    public AppInstance B { get; private set; } = null!;
    public Uri AddressOfA { get; private set; } = null!;
    public Uri AddressOfB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CloneAsync();
        await Smtp.StartAsync();
        A = new AppInstance(Database, Documents, Smtp.Port, jobs: true, authority: Authority);
        B = new AppInstance(Database, Documents, Smtp.Port, jobs: true, authority: Authority);
        AddressOfA = A.Start();
        AddressOfB = B.Start();
    }

    /// <summary>One browser: a client of A and a client of B sharing its cookies.</summary>
    public (HttpClient OnA, HttpClient OnB) Browser()
    {
        var cookies = new CookieContainer();
        return (A.Client(AddressOfA, cookies), B.Client(AddressOfB, cookies));
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Smtp.DisposeAsync();
        await TestDatabase.DropAsync(Database);
        if (Directory.Exists(Documents)) Directory.Delete(Documents, recursive: true);
    }
}

/// <summary>
/// Several instances behind a load balancer (issue 17): whatever one instance made — a sign-in, a form, a file — the other
/// accepts, and mail queued once is sent once although both instances' senders run.
/// </summary>
public class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static async Task SignInAsync(HttpClient client, string email = "admin@test.example")
    {
        var response = await client.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestDatabase.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignedInOnA_TheCookieWorksOnB()
    {
        Assert.NotEqual(instances.AddressOfA.Port, instances.AddressOfB.Port);
        var (onA, onB) = instances.Browser();
        await SignInAsync(onA);

        var page = await onB.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Maria Virtanen", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFormRenderedByA_IsAcceptedByB()
    {
        var (onA, onB) = instances.Browser();
        await SignInAsync(onA);
        var form = (await onA.GetDocumentAsync("/")).QuerySelector<IHtmlFormElement>("form[action='/Language']")!;

        var posted = await Html.SubmitAsync(onB, form, new() { ["language"] = "fi", ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/", posted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AFileUploadedThroughA_IsDownloadedThroughB()
    {
        var application = await instances.A.ApplicationByStaffAsync(ReferenceData.ServiceCertificate, ApplicationStage.AwaitingDocuments);
        var (onA, onB) = instances.Browser();
        await SignInAsync(onA);
        var pdf = Support.Applications.Pdf("Two instances");

        var uploaded = await onA.UploadAsync($"/Applications/{application.Id}/Steps/{application.Steps[0].Id}/Upload", pdf, "scan.pdf");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        await using var db = instances.A.Db();
        var file = await db.StepFiles.SingleAsync(f => f.StepId == application.Steps[0].Id);

        var download = await onB.GetAsync($"/Applications/{application.Id}/Steps/{application.Steps[0].Id}/Files/{file.Id}?download=true");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        // In the shared folder under its id, with no temporary file left anywhere.
        var files = Directory.EnumerateFiles(instances.Documents, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains(Path.GetFileName(file.StorageKey), files);
        Assert.DoesNotContain(files, f => f!.StartsWith('.'));
    }

    [Fact]
    public async Task TwoHundredMails_WithBothInstancesSending_AreEachSentExactlyOnce()
    {
        var queued = await instances.A.QueueMailsAsync(200);
        var ids = queued.Select(m => m.Id).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        await using var db = instances.A.Db();
        while (DateTime.UtcNow < deadline && await db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.Status != OutboxStatus.Sent) > 0) await Task.Delay(250);
        await Task.Delay(1000); // a second send, were there one, would arrive now

        // Other tests' mail (a revocation's) may share the server: only these 200 are counted.
        var mine = queued.Select(m => m.MessageId).ToHashSet();
        var sent = instances.Smtp.Messages().Select(m => m.MessageId).Where(id => id is not null && mine.Contains(id)).ToList();
        Assert.Equal(200, sent.Count);
        Assert.Equal(mine.Order(), sent.Order());
        Assert.Equal(200, await db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.ClaimToken == null));
    }

    [Fact]
    public async Task DueRevocations_WithBothInstancesSending_AreEachSentToTheAuthorityOnce()
    {
        var admin = await instances.A.StaffAsync("admin@test.example");
        var requests = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var (_, certificate) = await instances.A.IssuedCertificateAsync(lastName: $"Revoked{i}");
            var outcome = await (i % 2 == 0 ? instances.A : instances.B).RequestRevocationAsync(certificate, admin);
            Assert.True(outcome.Succeeded, outcome.Error?.Message);
            requests.Add(outcome.RequestId!.Value);
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        await using var db = instances.A.Db();
        while (DateTime.UtcNow < deadline && await db.RevocationRequests.CountAsync(r => requests.Contains(r.Id) && r.State != RevocationState.Revoked) > 0)
            await Task.Delay(250);
        await Task.Delay(1000); // a second call, were there one, would be made now

        var calls = instances.Authority.Calls.Where(c => requests.Contains(c.RequestId)).Select(c => c.RequestId).ToList();
        Assert.Equal(requests.Order(), calls.Order());
        Assert.Equal(20, await db.RevocationRequests.CountAsync(r => requests.Contains(r.Id) && r.State == RevocationState.Revoked && r.Attempts == 1));
    }

    [Fact]
    public async Task AnExportStartedOnA_IsDownloadedFromB()
    {
        var application = await instances.A.InjectedApplicationAsync();
        var (onA, onB) = instances.Browser();
        await SignInAsync(onA, "auditor@test.example");

        var started = await onA.SubmitFormAsync($"/Reports/History?person={application.PersonId}", new() { ["format"] = "csv" }, "form[data-testid=export-form]");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var job = started.Headers.Location!.OriginalString;
        Assert.StartsWith("/Reports/Jobs/", job);

        var id = Guid.Parse(job["/Reports/Jobs/".Length..]);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await using var db = instances.A.Db();
        while (DateTime.UtcNow < deadline && !await db.ExportJobs.AnyAsync(j => j.Id == id && j.State == BackOffice.Data.Domain.Exports.ExportJobState.Done)) await Task.Delay(200);

        var download = await onB.GetAsync(job + "/Download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var (header, rows) = await download.CsvAsync();
        Assert.Equal("Time", header[0]);
        Assert.NotEmpty(rows);
        var key = (await db.ExportJobs.SingleAsync(j => j.Id == id)).StorageKey!;
        Assert.StartsWith("exports/", key);
        Assert.True(File.Exists(Path.Combine(instances.Documents, key)));
    }
}
