using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Revocations;

/// <summary>
/// Every form of the revocation pages, with a NUL in each field: a 400 for a post, the page for a search, never a 500, nothing changed
/// (the app-wide walk of <see cref="BackOffice.Tests.Pages.BadInputTests"/> does not reach pages this deep). The HTML feed too.
/// </summary>
public class RevocationBadInputTests(BackOffice.Tests.Pages.BadInputTests.LoggedFactory app) : IClassFixture<BackOffice.Tests.Pages.BadInputTests.LoggedFactory>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Errors.Clear();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Assert.True(app.Errors.IsEmpty, string.Join("\n", app.Errors));
        return Task.CompletedTask;
    }

    private async Task<string> StateAsync()
    {
        await using var db = app.Db();
        var requests = await db.RevocationRequests.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.State + ":" + r.Version).ToListAsync();
        var certificates = await db.Certificates.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Status).ToListAsync();
        return string.Join(",", requests.Concat(certificates));
    }

    [Fact]
    public async Task EveryRevocationForm_RefusesANul_AndChangesNothing()
    {
        var admin = await app.StaffAsync("admin@test.example");
        var (_, active) = await app.IssuedCertificateAsync(lastName: "Nul");
        var (_, scheduled) = await app.IssuedCertificateAsync(lastName: "Nul");
        var scheduledId = (await app.RequestRevocationAsync(scheduled, admin, sendAt: app.Clock.GetUtcNow().AddDays(2))).RequestId!.Value;
        var (waitingApplication, waiting) = await app.IssuedCertificateAsync(lastName: "Nul");
        Guid waitingId;
        await using (var db = app.Db())
        {
            var application = await db.Applications.Include(a => a.Person).Include(a => a.CertificateType).SingleAsync(a => a.Id == waitingApplication.Id);
            var certificate = await db.Certificates.SingleAsync(c => c.Id == waiting.Id);
            var request = BackOffice.Data.Domain.Revocations.RevocationRequest.Submit(certificate, application,
                new(BackOffice.Data.Domain.Revocations.RevocationReason.Superseded, waiting.SerialNumber, null, null), requiresApproval: true, admin, app.Clock.GetUtcNow());
            db.RevocationRequests.Add(request);
            await db.SaveChangesAsync();
            waitingId = request.Id;
        }
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        var confirmation = await (await client.SubmitFormAsync($"/Revocations/New?serial={active.SerialNumber}",
            new() { ["Reason"] = "KeyCompromise", ["TypedSerial"] = active.SerialNumber }, "form[data-testid=revocation-form]")).ParseAsync();
        var pages = new (string Url, IHtmlDocument Page)[]
        {
            ("/Revocations/New", await client.GetDocumentAsync("/Revocations/New")),
            ($"/Revocations/New?serial={active.SerialNumber}", await client.GetDocumentAsync($"/Revocations/New?serial={active.SerialNumber}")),
            ("confirmation", confirmation),
            ($"/Revocations/Withdraw/{scheduledId}", await client.GetDocumentAsync($"/Revocations/Withdraw/{scheduledId}")),
            ($"/Revocations/Approve/{waitingId}", await client.GetDocumentAsync($"/Revocations/Approve/{waitingId}")),
            ("/Revocations", await client.GetDocumentAsync("/Revocations")),
            ("/Revocations/Revoked", await client.GetDocumentAsync("/Revocations/Revoked")),
        };
        var before = await StateAsync();

        var tried = 0;
        foreach (var (url, page) in pages)
            foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("main form"))
            {
                var values = form.Elements.OfType<IHtmlElement>().Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken")
                    .Distinct().ToDictionary(n => n!, n => "x\0");
                var get = string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase);
                var response = get
                    ? await client.GetAsync((form.GetAttribute("action") is { Length: > 0 } a ? a : url.Split('?')[0]) + "?" + string.Join("&", values.Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}")))
                    : await client.SubmitAsync(form, values);
                Assert.True(get ? response.StatusCode == HttpStatusCode.OK : response.StatusCode == HttpStatusCode.BadRequest,
                    $"{url} {form.GetAttribute("action")}: {(int)response.StatusCode}");
                tried++;
            }

        Assert.True(tried >= 7, $"only {tried} forms");
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task TheFeedPage_ListsRevokedCertificates_AndSaysWhenSinceIsUnreadable()
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Listed");
        await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"));
        await app.RevocationSender().ProcessBatchAsync();
        var client = await app.SignInAsRoleAsync(Roles.Reviewer);

        var page = await client.GetDocumentAsync("/Revocations/Revoked");
        var row = page.QuerySelectorAll("[data-testid=revoked] tbody tr").Single(r => r.TextContent.Contains(certificate.SerialNumber));
        Assert.Contains(certificate.Number, row.TextContent);
        Assert.Contains("1 Key compromise", row.TextContent);
        Assert.Equal("/Revocations/Revoked?format=csv", page.QuerySelector("[data-testid=csv]")!.GetAttribute("href"));

        var bad = await client.GetAsync("/Revocations/Revoked?since=last+tuesday");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Give a date (2026-11-02)", (await bad.ParseAsync()).Text("[data-testid=error-since]"));
        var later = await client.GetDocumentAsync($"/Revocations/Revoked?since={app.Clock.GetUtcNow().AddDays(1):yyyy-MM-dd}");
        Assert.NotNull(later.QuerySelector("[data-testid=empty]"));
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.GetAsync("/Revocations/Revoked?format=xml")).StatusCode);
    }
}
