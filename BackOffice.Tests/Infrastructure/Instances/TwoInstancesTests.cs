using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure.Instances;

/// <summary>Two real app instances on two ports, one database, one document folder and one SMTP server, both running their jobs.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public string Database { get; private set; } = "";
    public string Documents { get; } = Path.Combine(Path.GetTempPath(), "bo-shared-docs-" + Guid.NewGuid().ToString("N")[..8]);
    public SmtpSink Smtp { get; } = new();
    public AppInstance A { get; private set; } = null!;
    public AppInstance B { get; private set; } = null!;
    public Uri AddressOfA { get; private set; } = null!;
    public Uri AddressOfB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CloneAsync();
        await Smtp.StartAsync();
        A = new AppInstance(Database, Documents, Smtp.Port, jobs: true);
        B = new AppInstance(Database, Documents, Smtp.Port, jobs: true);
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
        instances.Smtp.ClearMailbox();
        var queued = await instances.A.QueueMailsAsync(200);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        await using var db = instances.A.Db();
        while (DateTime.UtcNow < deadline && await db.OutboxMessages.CountAsync(m => m.Status != OutboxStatus.Sent) > 0) await Task.Delay(250);
        await Task.Delay(1000); // a second send, were there one, would arrive now

        var sent = instances.Smtp.Messages().Select(m => m.MessageId).ToList();
        Assert.Equal(200, sent.Count);
        Assert.Equal(queued.Select(m => m.MessageId).Order(), sent.Order());
        Assert.Equal(200, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.ClaimToken == null));
    }
}
