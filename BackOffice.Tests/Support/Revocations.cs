using System.Collections.Concurrent;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Revocations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Support;

/// <summary>
/// A certificate authority the test steers: it records each call, can fail the next calls (as an authority that is down), and can
/// take its time (so two senders overlap). Stands in for the outside system only; everything else is the real app.
/// </summary>
public sealed class TestAuthority(TimeProvider clock) : ICertificateAuthority
{
    private int _failures;
    public ConcurrentQueue<RevocationOrder> Calls { get; } = new();
    public TimeSpan Delay { get; set; }
    /// <summary>Serial numbers the authority always refuses (a "poison" request).</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new();
    /// <summary>Runs during each call, before the authority answers (what a test checks while the call is under way).</summary>
    public Func<RevocationOrder, Task>? During { get; set; }
    /// <summary>How long before now the authority says it revoked (an authority whose clock or queue runs behind the office's).</summary>
    public TimeSpan Backdate { get; set; }
    public string FailureMessage { get; set; } = "The authority's service is unavailable (503)";

    /// <summary>The next <paramref name="count"/> calls throw.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public void Reset()
    {
        Calls.Clear();
        Delay = TimeSpan.Zero;
        Backdate = TimeSpan.Zero;
        Refused.Clear();
        During = null;
        _failures = 0;
    }

    public async Task<DateTimeOffset> RevokeAsync(RevocationOrder order, CancellationToken ct)
    {
        Calls.Enqueue(order);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
        if (During is { } during) await during(order);
        if (Refused.ContainsKey(order.SerialNumber)) throw new HttpRequestException("The authority refused the request (400)");
        if (Interlocked.Decrement(ref _failures) >= 0) throw new HttpRequestException(FailureMessage);
        Interlocked.Exchange(ref _failures, 0);
        return clock.GetUtcNow() - Backdate;
    }
}

/// <summary>The app with a real SMTP sink, a steerable authority, the portal's and the authority's intake keys.</summary>
public class RevocationFactory : MailFactory
{
    public const string PortalKey = "test-portal-key-5d2e7a01";
    public const string AuthorityKey = "test-authority-key-9b3c4f77";
    public const string AuthorityCaller = "Certificate authority";

    public TestAuthority Authority => (TestAuthority)Services.GetRequiredService<ICertificateAuthority>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Intake:ApiKeys:Public portal", PortalKey);
        builder.UseSetting($"Intake:ApiKeys:{AuthorityCaller}", AuthorityKey);
        builder.UseSetting("Revocation:AuthorityApiKeyName", AuthorityCaller);
        builder.ConfigureServices(services => services.AddSingleton<ICertificateAuthority>(sp => new TestAuthority(Clock)));
    }

    /// <summary>A client that sends an API key and no staff cookie.</summary>
    public HttpClient KeyClient(string key)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}

/// <summary>The same app with the two-person rule on.</summary>
public class TwoPersonRevocationFactory : RevocationFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Revocation:RequireSecondApproval", "true");
    }
}

/// <summary>Builders for revocation tests: an issued certificate in the database, a request made through the real change path, the sender.</summary>
public static class RevocationBuilders
{
    private static readonly Actor FinalReviewer = new(null, "Eleni Georgiou");

    /// <summary>A new person's application of <paramref name="typeCode"/> driven to Issued, with its certificate saved (a fresh number and serial).</summary>
    public static async Task<(Application Application, Certificate Certificate)> IssuedCertificateAsync(this BackOfficeFactory app,
        string typeCode = ReferenceData.ServiceCertificate, string lastName = "Mäkinen")
    {
        var application = await app.ApplicationAsync(typeCode, ApplicationStage.AwaitingFinalReview, lastName);
        await using var db = app.Db();
        await using var tx = await db.Database.BeginTransactionAsync();
        var loaded = (await db.LoadForChangeAsync(application.Id))!;
        var at = app.Clock.GetUtcNow().AddDays(-30);
        var certificate = loaded.Issue(await RegistryNumbers.NextCertificateNumberAsync(db, at.Year), Certificate.NewSerialNumber(), FinalReviewer, at);
        db.Certificates.Add(certificate);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return (loaded, certificate);
    }

    /// <summary>A request made as a person would through the page (the same change path), by <paramref name="by"/>.</summary>
    public static async Task<RevocationOutcome> RequestRevocationAsync(this BackOfficeFactory app, Certificate certificate, Actor by,
        DateTimeOffset? sendAt = null, RevocationReason reason = RevocationReason.KeyCompromise, string? note = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RevocationChanges>()
            .SubmitAsync(certificate.Id, new RevocationInput(reason, certificate.SerialNumber, sendAt, note), by);
    }

    public static RevocationSender RevocationSender(this BackOfficeFactory app) => app.Services.GetRequiredService<RevocationSender>();

    /// <summary>A second, independent sender on the same database, as another app instance would run.</summary>
    public static RevocationSender AnotherRevocationSender(this BackOfficeFactory app) => ActivatorUtilities.CreateInstance<RevocationSender>(app.Services);

    public static async Task<RevocationRequest> ReloadRequestAsync(this BackOfficeFactory app, Guid id)
    {
        await using var db = app.Db();
        return await db.RevocationRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public static async Task<Certificate> ReloadCertificateAsync(this BackOfficeFactory app, Guid id)
    {
        await using var db = app.Db();
        return await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}
