using System.Net;
using AngleSharp.Dom;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Revocations;

/// <summary>The revoked-certificates feed: CSV and JSON with <c>?since=</c> for the authority's key, the page for staff, never anonymous.</summary>
public class RevokedTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private const string Url = "/Revocations/Revoked";

    /// <summary>Revokes a new certificate now (the clock is not moved); the authority gives a revocation time <paramref name="backdate"/> before now.</summary>
    private async Task<BackOffice.Data.Domain.Certificates.Certificate> RevokedAsync(RevocationReason reason, TimeSpan backdate = default)
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Feed");
        var outcome = await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"), reason: reason);
        Assert.True(outcome.Succeeded);
        app.Authority.Reset();
        app.Authority.Backdate = backdate;
        await app.RevocationSender().ProcessBatchAsync();
        app.Authority.Reset();
        return await app.ReloadCertificateAsync(certificate.Id);
    }

    [Fact]
    public async Task Csv_ForTheAuthoritysKey_ListsSerialReasonCodeTimeAndNumber_SinceATime()
    {
        var before = await RevokedAsync(RevocationReason.KeyCompromise);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var since = app.Clock.GetUtcNow();
        var first = await RevokedAsync(RevocationReason.AffiliationChanged);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await RevokedAsync(RevocationReason.PrivilegeWithdrawn);

        var response = await app.KeyClient(RevocationFactory.AuthorityKey).GetAsync($"{Url}?format=csv&since={Uri.EscapeDataString(since.ToString("O"))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([
            "serial_number,reason_code,revoked_at,certificate_number",
            $"{first.SerialNumber},3,{since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000Z,{first.Number}",
            $"{second.SerialNumber},9,{since.AddMinutes(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000Z,{second.Number}",
        ], lines);
        Assert.DoesNotContain(before.SerialNumber, string.Join("\n", lines));
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(-5), DateTimeOffset.Parse(response.Headers.GetValues("X-Next-Since").Single()));
    }

    [Fact]
    public async Task AnIncrementalPull_GetsARevocationRecordedAfterThePreviousPull_EvenWhenTheAuthoritysTimeIsEarlier()
    {
        var client = app.KeyClient(RevocationFactory.AuthorityKey);
        var first = await RevokedAsync(RevocationReason.KeyCompromise);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var pull = await client.GetFromJsonAsync<JsonElement>($"{Url}?format=json");
        var nextSince = pull.GetProperty("nextSince").GetString()!;
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        // Recorded now, but the authority says it revoked 30 minutes ago: before the previous pull's nextSince.
        var late = await RevokedAsync(RevocationReason.Superseded, backdate: TimeSpan.FromMinutes(30));
        Assert.True(late.RevokedAt < DateTimeOffset.Parse(nextSince));

        var next = await client.GetFromJsonAsync<JsonElement>($"{Url}?format=json&since={Uri.EscapeDataString(nextSince)}");

        var rows = next.GetProperty("certificates").EnumerateArray()
            .Select(c => (c.GetProperty("serialNumber").GetString(), c.GetProperty("revokedAt").GetString(), c.GetProperty("recordedAt").GetString())).ToList();
        Assert.Equal([(late.SerialNumber, Iso(late.RevokedAt!.Value), Iso(late.RevocationRecordedAt!.Value))], rows);
        Assert.Equal(app.Clock.GetUtcNow(), late.RevocationRecordedAt);
        Assert.DoesNotContain(first.SerialNumber, next.ToString());
    }

    [Fact]
    public async Task RevocationsRecordedAtTheSameMoment_ComeInAStableOrder_AndPageWithoutLossOrDuplicates()
    {
        var client = app.KeyClient(RevocationFactory.AuthorityKey);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var since = app.Clock.GetUtcNow();
        var revoked = new List<BackOffice.Data.Domain.Certificates.Certificate>();
        for (var i = 0; i < 3; i++) revoked.Add(await RevokedAsync(RevocationReason.Unspecified, backdate: TimeSpan.FromMinutes(i)));
        var ids = revoked.Select(c => c.Id).OrderBy(id => id.ToString()).ToList(); // PostgreSQL's uuid order

        var csv = await client.GetStringAsync($"{Url}?format=csv&since={Uri.EscapeDataString(since.ToString("O"))}");

        var serials = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(ids.Select(id => revoked.Single(c => c.Id == id).SerialNumber), serials);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");

    [Fact]
    public async Task Json_ByAcceptHeader_GivesTheRfcReasonAndTheNextSince_AndIsAnAuditEvent()
    {
        app.Clock.Advance(TimeSpan.FromHours(1)); // past every other test's revocations
        var revoked = await RevokedAsync(RevocationReason.CessationOfOperation);
        var client = app.KeyClient(RevocationFactory.AuthorityKey);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var since = revoked.RevokedAt!.Value;

        var response = await client.GetAsync($"{Url}?since={since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var entry = Assert.Single(body.GetProperty("certificates").EnumerateArray()); // exactly this one: none twice, none earlier
        Assert.Equal((5, "cessationOfOperation", revoked.Number), (entry.GetProperty("reasonCode").GetInt32(), entry.GetProperty("reason").GetString(), entry.GetProperty("certificateNumber").GetString()));
        Assert.Equal(since, DateTimeOffset.Parse(entry.GetProperty("revokedAt").GetString()!));
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(-5), DateTimeOffset.Parse(body.GetProperty("nextSince").GetString()!));
        await using var db = app.Db();
        var read = await db.AuditEvents.OrderByDescending(e => e.Position).FirstAsync(e => e.Action == "revocation.feed-read");
        Assert.Equal(RevocationFactory.AuthorityCaller, read.ActorName);
        Assert.Contains("\"format\":\"json\"", read.Details.Replace(" ", ""));
    }

    [Fact]
    public async Task ADateAsSince_IsItsMidnightUtc_AndAnUnreadableSince_Is400()
    {
        var client = app.KeyClient(RevocationFactory.AuthorityKey);
        var revoked = await RevokedAsync(RevocationReason.Superseded);

        var today = await client.GetStringAsync($"{Url}?format=csv&since={revoked.RevokedAt!.Value.UtcDateTime:yyyy-MM-dd}");
        Assert.Contains(revoked.SerialNumber, today);
        var tomorrow = await client.GetStringAsync($"{Url}?format=csv&since={revoked.RevokedAt!.Value.UtcDateTime.AddDays(1):yyyy-MM-dd}");
        Assert.DoesNotContain(revoked.SerialNumber, tomorrow);

        foreach (var bad in new[] { "yesterday", "2026-13-01", "2026-11-02T25:00:00Z", "2026-11-02 09:00" })
        {
            var response = await client.GetAsync($"{Url}?format=json&since={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_AWrongKeyIs401_AndThePortalsKeyIsRefused()
    {
        var anonymous = await app.NewClient().GetAsync($"{Url}?format=csv");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.KeyClient("not-a-key").GetAsync($"{Url}?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.KeyClient(RevocationFactory.PortalKey).GetAsync($"{Url}?format=csv")).StatusCode);
    }

    [Fact]
    public async Task TheAuthoritysKey_IsRefusedByTheIntakeApi_AndReachesNoOtherPage()
    {
        var client = app.KeyClient(RevocationFactory.AuthorityKey);
        var intake = await client.PostAsync("/api/intake/events",
            new StringContent("""{"registryNumber":"BO/2026/000001","event":"signed"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, intake.StatusCode);

        foreach (var page in new[] { "/Revocations", "/Persons", "/Queues", "/" })
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/Account/Login"), $"{page}: {(int)response.StatusCode}");
        }
        // The portal's key still works on the intake API (the rule refuses only the authority's).
        var portal = await app.KeyClient(RevocationFactory.PortalKey).PostAsync("/api/intake/events",
            new StringContent("""{"registryNumber":"BO/2099/999999","event":"signed"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, portal.StatusCode);
    }

    [Fact]
    public async Task ThePage_ShowsTheRevocationTimeInOfficeTime_WhileTheCsvKeepsUtc()
    {
        app.Clock.Advance(TimeSpan.FromHours(3));
        var revoked = await RevokedAsync(RevocationReason.KeyCompromise);
        var client = await app.SignInAsRoleAsync(Roles.Auditor);
        var since = Uri.EscapeDataString(revoked.RevocationRecordedAt!.Value.ToString("O"));

        var page = await client.GetDocumentAsync($"{Url}?since={since}");

        var row = Assert.Single(page.QuerySelectorAll("[data-testid=revoked] tbody tr"));
        var local = TimeZoneInfo.ConvertTime(revoked.RevokedAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"));
        Assert.Equal(local.ToString("dd/MM/yyyy HH:mm:ss"), row.Text("[data-testid=revoked-at]"));
        Assert.Equal(revoked.RevokedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), row.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.DoesNotContain("UTC", row.TextContent);
        var csv = await client.GetStringAsync($"{Url}?format=csv&since={since}");
        Assert.Contains($",{Iso(revoked.RevokedAt!.Value)},", csv);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task EveryStaffRole_ReadsTheCsv(string role)
    {
        var revoked = await RevokedAsync(RevocationReason.KeyCompromise);
        var client = await app.SignInAsRoleAsync(role);

        var response = await client.GetAsync($"{Url}?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(revoked.SerialNumber, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition!.ToString());
    }
}
