using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using BackOffice.Tests.Tools;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Tools.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Infrastructure;

/// <summary>
/// The chain verified on real data as PostgreSQL returns it (jsonb hands the details back re-ordered and spaced): the seeded demo
/// data, read back from the database, is intact; one row altered with the triggers disabled is found, exactly, as the first break.
/// </summary>
public class AuditChainOnDemoDataTests(DevelopmentFactory app) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task TheSeededDemoData_ReadBackFromTheDatabase_IsIntact_AndOneAlteredRow_IsTheFirstBreak()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).SeedAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync();
            Assert.True(result.IsIntact, $"broken at {result.FirstBrokenPosition}: {result.Break}");
            await using var db = app.Db();
            Assert.Equal(await db.AuditEvents.CountAsync(), result.EventsChecked);
            Assert.True(result.EventsChecked > 500, $"only {result.EventsChecked} events");
            Assert.True(await db.AuditEvents.CountAsync(e => e.Details != "{}") > 100);
            Assert.Equal(await db.AuditEvents.OrderByDescending(e => e.Position).Select(e => e.Hash).FirstAsync(), result.LastHash);
        }

        // The auditor's /Audit reads every demo event, page by page, as a sentence: no action code, no JSON, no "no sentence for".
        var auditor = await app.SignInAsRoleAsync(Roles.Auditor);
        var first = await auditor.GetDocumentAsync("/Audit");
        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(first.Text("[data-testid=pager]"), @"of (\d+)").Groups[1].Value);
        Assert.True(pages > 10, $"only {pages} pages");
        var found = new List<string>();
        for (var p = 1; p <= pages; p++)
        {
            var text = (await auditor.GetDocumentAsync($"/Audit?p={p}")).Text("[data-testid=events]");
            found.AddRange(AuditActions.All.Where(a => text.Contains(a, StringComparison.Ordinal)).Select(a => $"page {p}: {a}"));
            if (text.Contains('{') || text.Contains("no sentence for", StringComparison.Ordinal)) found.Add($"page {p}: {text}");
        }
        Assert.Empty(found);

        // As a superuser: the append-only trigger off, one value in the details of an event in the middle changed, the trigger on again.
        long altered;
        DateTimeOffset alteredAt;
        await using (var db = app.Db())
        {
            var withDetails = await db.AuditEvents.Where(e => e.Action == AuditActions.ApplicationStageChanged).OrderBy(e => e.Position).Select(e => e.Position).ToListAsync();
            altered = withDetails[withDetails.Count / 2];
            alteredAt = await db.AuditEvents.Where(e => e.Position == altered).Select(e => e.OccurredAt).SingleAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update");
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET details = jsonb_set(details, '{{to}}', '\"Cancelled\"') WHERE position = {altered}"));
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update");
            await transaction.CommitAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync();
            Assert.False(result.IsIntact);
            Assert.Equal(altered, result.FirstBrokenPosition);
            Assert.Equal(AuditBreak.Hash, result.Break);
            Assert.Equal(altered - 1, result.EventsChecked);
            Assert.Equal(alteredAt, result.FirstBrokenAt);
        }
    }
}
