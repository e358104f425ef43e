using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Tools.Benchmarks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BackOffice.Tests.Tools;

/// <summary>The export benchmark's audit events, loaded small: chained as the app chains them, in time order, of every kind it makes.</summary>
public class ExportBenchmarkDataTests(ClonedDatabase database) : IClassFixture<ClonedDatabase>
{
    [Fact]
    public async Task TheEvents_AreChained_InTimeOrder_AndVerify()
    {
        var batches = new List<int>();
        await new ExportBenchmarkData(1_000, 50).LoadAsync(database.Context, batches.Add, batch: 300);

        Assert.Equal([300, 600, 900, 1000], batches);
        await using var db = database.Context();
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(1_000, events.Count);
        Assert.Equal(events.Select(e => e.OccurredAt).Order(), events.Select(e => e.OccurredAt));
        Assert.Equal(new HashSet<string> { AuditActions.PersonViewed, AuditActions.ApplicationStageChanged, AuditActions.ApplicationViewed,
            AuditActions.StepApproved, AuditActions.StepFileUploaded, AuditActions.SignIn }, events.Select(e => e.Action).ToHashSet());
        var result = await new AuditTrail(db, new FakeTimeProvider()).VerifyAsync();
        Assert.True(result.IsIntact, $"broken at {result.FirstBrokenPosition}");
        Assert.Equal(1_000, result.EventsChecked);
    }
}
