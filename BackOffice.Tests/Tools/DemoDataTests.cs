using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Steps;
using System.Text.RegularExpressions;
using BackOffice.Tests.Support;
using BackOffice.Web.Tools.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Tools;

public sealed class DevelopmentFactory : BackOfficeFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public class DemoDataTests(DevelopmentFactory app) : IClassFixture<DevelopmentFactory>
{
    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).SeedAsync();
    }

    [Fact]
    public async Task Seed_HasThePeopleEveryDemoStartsFrom_AndEveryStage_AndIsIdempotent()
    {
        await SeedAsync();
        await using var db = app.Db();
        var counts = new { Persons = await db.Persons.CountAsync(), Applications = await db.Applications.CountAsync(), Audit = await db.AuditEvents.CountAsync() };
        Assert.InRange(counts.Persons, 190, 210);
        Assert.Equal(12, await db.Organisations.CountAsync());

        var papadopoulos = await db.Applications.Include(a => a.CertificateType)
            .SingleAsync(a => a.Person.FirstNames == "Γεώργιος" && a.Person.LastName == "Παπαδόπουλος");
        Assert.Equal(("public-servant", ApplicationStage.AwaitingSignature), (papadopoulos.CertificateType.Code, papadopoulos.Stage));

        var oberg = await db.Applications.Include(a => a.Steps).ThenInclude(s => s.Files)
            .SingleAsync(a => a.Person.FirstNames == "Åsa" && a.Person.LastName == "Öberg");
        var step = Assert.Single(oberg.Steps);
        Assert.Equal(("Copy of active external certificate", StepStatus.AwaitingReview), (step.Name, step.Status));
        Assert.Equal("application/pdf", Assert.Single(step.Files).ContentType);
        // The demo document shows her name with its letters (an embedded font), not "sa berg".
        var path = app.Services.GetRequiredService<BackOffice.Web.Infrastructure.Documents.DocumentStore>().PathOf(step.Files.Single().StorageKey);
        var text = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
        var extracted = await text.StandardOutput.ReadToEndAsync();
        await text.WaitForExitAsync();
        Assert.Contains("Åsa Öberg", extracted);

        var makinen = await db.Persons.SingleAsync(p => p.FirstNames == "Mikko" && p.LastName == "Mäkinen");
        Assert.True(await db.Certificates.AnyAsync(c => c.PersonId == makinen.Id && c.Status == CertificateStatus.Active));

        // Revocation (issue 13): every list of the dashboard has something to show, and someone has left an organisation.
        var now = app.Clock.GetUtcNow();
        var requests = await db.RevocationRequests.AsNoTracking().ToListAsync();
        Assert.Equal([BackOffice.Data.Domain.Revocations.RevocationPhase.AwaitingApproval, BackOffice.Data.Domain.Revocations.RevocationPhase.Scheduled,
                BackOffice.Data.Domain.Revocations.RevocationPhase.Sending, BackOffice.Data.Domain.Revocations.RevocationPhase.Revoked,
                BackOffice.Data.Domain.Revocations.RevocationPhase.Withdrawn],
            requests.Select(r => r.PhaseAt(now)).Distinct().Order());
        Assert.Contains(requests, r => r.IsOverdueAt(now) && r.State == BackOffice.Data.Domain.Revocations.RevocationState.Pending && r.LastFailure is not null && r.LastError is not null && r.NextAttemptAt > now);
        Assert.Contains(requests, r => r.IsOverdueAt(now) && r.State == BackOffice.Data.Domain.Revocations.RevocationState.Revoked);
        Assert.Contains(requests, r => r.State == BackOffice.Data.Domain.Revocations.RevocationState.Revoked && !r.IsOverdueAt(now));
        Assert.Single(await BackOffice.Web.Pages.Revocations.EndedEmploymentCertificates.Rows(db, DateOnly.FromDateTime(now.UtcDateTime), now).ToListAsync());

        foreach (var type in await db.CertificateTypes.Include(t => t.StepTemplates).ToListAsync())
            foreach (var stage in DemoData.ReachableStages(type))
                Assert.True(await db.Applications.AnyAsync(a => a.CertificateTypeId == type.Id && a.Stage == stage), $"{type.Code} has no application {stage}");

        await SeedAsync();
        Assert.Equal(counts, new { Persons = await db.Persons.CountAsync(), Applications = await db.Applications.CountAsync(), Audit = await db.AuditEvents.CountAsync() });
    }

    /// <summary>
    /// What a case handler reads on the demo data carries no audit action code, JSON, hash or identifier: the person card (every
    /// tab, views shown), an application of every type in every stage, the queues and the review pages.
    /// </summary>
    [Fact]
    public async Task The_demo_pages_speak_in_sentences_with_no_codes_json_hashes_or_identifiers()
    {
        await SeedAsync();
        List<(Guid Id, Guid PersonId)> applications;
        List<Guid> steps;
        await using (var db = app.Db())
        {
            applications = (await db.Applications.Select(a => new { a.Id, a.PersonId, a.CertificateTypeId, a.Stage }).ToListAsync())
                .GroupBy(a => (a.CertificateTypeId, a.Stage)).Select(g => (g.First().Id, g.First().PersonId)).ToList();
            steps = await db.Steps.Where(s => s.Status == StepStatus.AwaitingReview).OrderBy(s => s.Id).Select(s => s.Id).Take(5).ToListAsync();
        }
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        var pages = new List<(HttpClient Client, string Url)>();
        foreach (var (id, personId) in applications)
        {
            pages.Add((admin, $"/Applications/{id}?views=true"));
            pages.Add((admin, $"/Persons/{personId}"));
            pages.Add((admin, $"/Persons/{personId}/history"));
            pages.Add((admin, $"/Persons/{personId}/events?views=true"));
            pages.Add((reviewer, $"/Reviews/Final/{id}"));
        }
        pages.AddRange(Enum.GetNames<WorkQueue>().Select(q => (admin, $"/Queues/{q}")));
        pages.Add((reviewer, "/Reviews"));
        pages.AddRange(steps.Select(s => (reviewer, $"/Reviews/{s}")));
        pages.Add((admin, "/Messages?show=All"));
        await using (var db = app.Db())
            pages.AddRange((await db.SecureMessages.Select(m => m.Id).ToListAsync()).Select(id => (admin, $"/Messages/{id}")));

        var found = new List<string>();
        foreach (var (client, url) in pages)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var text = (await response.ParseAsync()).QuerySelector("main")!.TextContent;
            found.AddRange(AuditActions.All.Where(a => text.Contains(a, StringComparison.Ordinal)).Select(a => $"{url}: {a}"));
            found.AddRange(Leak.Matches(text).Select(m => $"{url}: {m.Value}"));
        }
        Assert.True(pages.Count > 100, $"only {pages.Count} pages");
        Assert.Empty(found);
    }

    /// <summary>The demo's inbox of secure messages has each kind: routed by its registry number and unread, answered, unknown sender, handled.</summary>
    [Fact]
    public async Task The_demo_inbox_has_a_routed_unread_message_an_answered_one_and_a_handled_one()
    {
        await SeedAsync();
        await using var db = app.Db();
        var messages = await db.SecureMessages.AsNoTracking().Include(m => m.Replies).ToListAsync();
        Assert.Contains(messages, m => m.LinkKind == Data.Domain.Messages.CaseLinkKind.Automatic && m.FirstReadAt is null && m.ApplicationId is not null);
        Assert.Contains(messages, m => m.Replies.Any(r => r.ReadBySenderAt is not null));
        Assert.Contains(messages, m => m.PersonId is null && m.FirstReadAt is null);
        Assert.Contains(messages, m => m.HandledAt is not null);
        var inbox = await (await app.SignInAsRoleAsync(Roles.Administrator)).GetDocumentAsync("/Messages");
        Assert.Equal(3, inbox.QuerySelectorAll("[data-testid=inbox-row]").Length);
    }

    /// <summary>The demo's outbox (every message it queues) read page by page as a System administrator: no applicant's address, registry number or kind of message.</summary>
    [Fact]
    public async Task The_system_administrators_outbox_shows_no_address_registry_number_or_kind_of_message()
    {
        await SeedAsync();
        List<(string To, string? RegistryNumber)> messages;
        await using (var db = app.Db())
            messages = (await db.OutboxMessages.Select(m => new { m.ToAddress, m.RegistryNumber }).ToListAsync()).Select(m => (m.ToAddress, m.RegistryNumber)).ToList();
        var secrets = messages.Select(m => m.To[..(m.To.LastIndexOf('@') + 1)]).Concat(messages.Select(m => m.RegistryNumber).OfType<string>())
            .Concat(MailTemplate.All).Concat(["Document approved", "Document not approved", "Certificate issued", "Issuance cancelled", "Application refused"])
            .Distinct().ToList();
        var sysadmin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var rows = 0;
        var found = new List<string>();
        foreach (var status in Enum.GetNames<OutboxStatus>())
            for (var p = 1; ; p++)
            {
                var page = await sysadmin.GetDocumentAsync($"/Admin/Outbox?status={status}&p={p}");
                var text = page.QuerySelector("main")!.TextContent;
                rows += page.QuerySelectorAll("#outbox tbody tr").Length;
                found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{status} p{p}: {s}"));
                if (page.QuerySelector("[data-testid=pager] a[rel=next]") is null) break;
            }

        Assert.True(messages.Count > 100, $"only {messages.Count} demo messages");
        Assert.Equal(messages.Count, rows);
        Assert.Empty(found);
    }

    /// <summary>JSON, a SHA-256, a GUID.</summary>
    private static readonly Regex Leak = new(@"\{\s*""|"":\s*""|\b[0-9a-f]{64}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase);
}
