using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure.Revocations;

/// <summary>The background sender against the real database: due requests only, once each with several instances, back-off on failure.</summary>
public class RevocationSenderTests(RevocationFactory app) : IClassFixture<RevocationFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        _ = app.Server;
        app.Authority.Reset();
        // Earlier tests' due requests out of the way: each test counts only its own.
        await using var db = app.Db();
        await db.RevocationRequests.Where(r => r.State == RevocationState.Pending).ExecuteUpdateAsync(s => s.SetProperty(r => r.NextAttemptAt, r => r.NextAttemptAt!.Value.AddYears(50)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ADueRequest_IsSentOnce_AndTheCertificateIsRevoked_WithHistoryAuditAndTheHoldersMail()
    {
        var (application, certificate) = await app.IssuedCertificateAsync();
        var admin = await app.StaffAsync("admin@test.example");
        var outcome = await app.RequestRevocationAsync(certificate, admin, reason: RevocationReason.Superseded);
        Assert.True(outcome.Succeeded, outcome.Error?.Message);

        var result = await app.RevocationSender().ProcessBatchAsync();

        Assert.Equal((1, 0), (result.Revoked, result.Failed));
        var order = Assert.Single(app.Authority.Calls);
        Assert.Equal((certificate.SerialNumber, RevocationReason.Superseded, outcome.RequestId!.Value), (order.SerialNumber, order.Reason, order.RequestId));
        var request = await app.ReloadRequestAsync(outcome.RequestId!.Value);
        Assert.Equal((RevocationState.Revoked, app.Clock.GetUtcNow(), 1), (request.State, request.RevokedAt!.Value, request.Attempts));
        var saved = await app.ReloadCertificateAsync(certificate.Id);
        Assert.Equal((CertificateStatus.Revoked, RevocationReason.Superseded), (saved.Status, saved.RevocationReason!.Value));
        var history = (await app.ReloadAsync(application.Id)).History.OrderBy(h => h.Id).Select(h => (h.Kind, h.ActorName)).ToList();
        Assert.Equal([(HistoryKind.RevocationRequested, "Maria Virtanen"), (HistoryKind.CertificateRevoked, "Certificate authority")], history[^2..]);
        await using var db = app.Db();
        Assert.Equal(["revocation.requested", "certificate.revoked"],
            await db.AuditEvents.Where(e => e.EntityId == request.Id.ToString()).OrderBy(e => e.Position).Select(e => e.Action).ToListAsync());
        Assert.Equal([MailTemplate.RevocationRequested, MailTemplate.CertificateRevoked],
            await db.OutboxMessages.Where(m => m.RegistryNumber == application.RegistryNumber && m.Template.Contains("revo")).OrderBy(m => m.CreatedAt).ThenBy(m => m.Template == MailTemplate.CertificateRevoked).Select(m => m.Template).ToListAsync());

        Assert.Equal(0, (await app.RevocationSender().ProcessBatchAsync()).Claimed);
        Assert.Single(app.Authority.Calls);
    }

    [Fact]
    public async Task AScheduledRequest_WaitsForItsSendTime()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var sendAt = app.Clock.GetUtcNow().AddHours(3);
        var outcome = await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"), sendAt);

        Assert.Equal(0, (await app.RevocationSender().ProcessBatchAsync()).Claimed);
        app.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await app.RevocationSender().ProcessBatchAsync()).Claimed);
        Assert.Equal(CertificateStatus.RevocationRequested, (await app.ReloadCertificateAsync(certificate.Id)).Status);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Revoked);
        var request = await app.ReloadRequestAsync(outcome.RequestId!.Value);
        Assert.Equal((sendAt, sendAt.AddHours(24), sendAt), (request.SendAt!.Value, request.RevokeBy!.Value, request.SentAt!.Value));
    }

    [Fact]
    public async Task AFailingAuthority_IsRetriedWithBackOff_ShowsTheLastError_AndRevokesWhenItAnswers()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var outcome = await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"));
        var start = app.Clock.GetUtcNow();
        app.Authority.FailNext(3);

        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Failed);
        var request = await app.ReloadRequestAsync(outcome.RequestId!.Value);
        Assert.Equal((1, start.AddMinutes(1)), (request.Attempts, request.NextAttemptAt!.Value));
        Assert.Equal((RevocationFailure.Failed, "HttpRequestException: The authority's service is unavailable (503)"), (request.LastFailure, request.LastError));
        Assert.Equal(0, (await app.RevocationSender().ProcessBatchAsync()).Claimed); // not before its back-off

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Failed);
        Assert.Equal(start.AddMinutes(3), (await app.ReloadRequestAsync(request.Id)).NextAttemptAt); // then 2 minutes
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Failed);
        Assert.Equal(start.AddMinutes(7), (await app.ReloadRequestAsync(request.Id)).NextAttemptAt); // then 4
        Assert.Equal(CertificateStatus.RevocationRequested, (await app.ReloadCertificateAsync(certificate.Id)).Status);

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Revoked);
        request = await app.ReloadRequestAsync(request.Id);
        Assert.Equal((RevocationState.Revoked, 4), (request.State, request.Attempts));
        Assert.Equal(4, app.Authority.Calls.Count);
    }

    [Fact]
    public async Task TwoInstancesSendingAtOnce_SendEachDueRequestExactlyOnce()
    {
        var admin = await app.StaffAsync("admin@test.example");
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var (_, certificate) = await app.IssuedCertificateAsync(lastName: $"Sender{i}");
            ids.Add((await app.RequestRevocationAsync(certificate, admin)).RequestId!.Value);
        }
        app.Authority.Delay = TimeSpan.FromMilliseconds(50); // each call overlaps the other instance's

        var results = await Task.WhenAll(app.RevocationSender().ProcessBatchAsync(), app.AnotherRevocationSender().ProcessBatchAsync(),
            app.AnotherRevocationSender().ProcessBatchAsync());

        Assert.Equal(12, results.Sum(r => r.Revoked));
        Assert.True(results.Count(r => r.Revoked > 0) >= 2, "the instances shared the work: " + string.Join(", ", results.Select(r => r.Revoked)));
        Assert.Equal(ids.Order(), app.Authority.Calls.Select(c => c.RequestId).Order());
        await using var db = app.Db();
        Assert.Equal(12, await db.RevocationRequests.CountAsync(r => ids.Contains(r.Id) && r.State == RevocationState.Revoked && r.Attempts == 1));
    }

    [Fact]
    public async Task ARequestLockedByAWithdrawal_IsSkipped_NotWaitedFor()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var outcome = await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"));
        await using var db = app.Db();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM revocation_requests WHERE id = {outcome.RequestId} FOR UPDATE");

        var result = await app.RevocationSender().ProcessBatchAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, result.Claimed);
        Assert.Empty(app.Authority.Calls);
    }

    [Fact]
    public async Task ThePoisonRequest_GetsItsBackOff_AndTheOthersBehindItAreStillSent()
    {
        var admin = await app.StaffAsync("admin@test.example");
        var (_, poison) = await app.IssuedCertificateAsync(lastName: "Poison");
        var poisonId = (await app.RequestRevocationAsync(poison, admin)).RequestId!.Value;
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // the poison is the first due
        var others = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (_, certificate) = await app.IssuedCertificateAsync(lastName: $"Behind{i}");
            others.Add((await app.RequestRevocationAsync(certificate, admin)).RequestId!.Value);
        }
        app.Authority.Refused[poison.SerialNumber] = true;

        var result = await app.RevocationSender().ProcessBatchAsync();

        Assert.Equal((3, 1), (result.Revoked, result.Failed));
        Assert.Equal(poisonId, app.Authority.Calls.First().RequestId);
        foreach (var id in others) Assert.Equal(RevocationState.Revoked, (await app.ReloadRequestAsync(id)).State);
        var stuck = await app.ReloadRequestAsync(poisonId);
        Assert.Equal((RevocationState.Pending, 1, app.Clock.GetUtcNow().AddMinutes(1), (DateTimeOffset?)null),
            (stuck.State, stuck.Attempts, stuck.NextAttemptAt!.Value, stuck.ClaimedUntil));
        Assert.Equal(0, (await app.RevocationSender().ProcessBatchAsync()).Claimed); // its back-off: not tried again at once
    }

    [Fact]
    public async Task WhileTheAuthorityIsCalled_NoRowIsLocked_AndTheRequestIsLeased()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var id = (await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"))).RequestId!.Value;
        DateTimeOffset? leaseSeen = null;
        app.Authority.During = async _ =>
        {
            await using var db = app.Db();
            await using var tx = await db.Database.BeginTransactionAsync();
            // NOWAIT: fails at once (55P03) if the sender still held the row lock across the call.
            leaseSeen = (await db.RevocationRequests.FromSql($"SELECT *, xmin FROM revocation_requests WHERE id = {id} FOR UPDATE NOWAIT").AsNoTracking().SingleAsync()).ClaimedUntil;
            await tx.RollbackAsync();
        };

        var result = await app.RevocationSender().ProcessBatchAsync();

        Assert.Equal(1, result.Revoked);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(30) + BackOffice.Web.Infrastructure.Revocations.RevocationSender.LeaseMargin, leaseSeen);
        var request = await app.ReloadRequestAsync(id);
        Assert.Equal((RevocationState.Revoked, (DateTimeOffset?)null), (request.State, request.ClaimedUntil));
    }

    [Fact]
    public async Task ARequestLeasedByAnotherInstance_IsSkipped_UntilTheLeasePasses()
    {
        var (_, certificate) = await app.IssuedCertificateAsync();
        var id = (await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"))).RequestId!.Value;
        var lease = app.Clock.GetUtcNow().AddMinutes(2);
        await using (var db = app.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE revocation_requests SET claimed_until = {lease} WHERE id = {id}");

        Assert.Equal(0, (await app.RevocationSender().ProcessBatchAsync()).Claimed);
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // that instance died mid-call: its lease runs out

        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Revoked);
        Assert.Equal(id, Assert.Single(app.Authority.Calls).RequestId);
    }
}
