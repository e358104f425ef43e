using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Steps;
using BackOffice.Tests.Support;
using BackOffice.Web.Infrastructure.Applications;
using BackOffice.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages;

/// <summary>
/// Each role's home page against data made here: every number is right, and its link opens the list it counts, filtered, showing the
/// same number; the reviewer's four-eyes marking; the System administrator's home names nobody.
/// </summary>
public class HomeTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private static int Number(string text)
    {
        var match = Regex.Match(text.Replace("\u00a0", "").Replace("\u202f", "").Replace(",", "").Replace(" ", ""), @"\d+");
        return match.Success ? int.Parse(match.Value) : throw new InvalidOperationException($"No number in \"{text}\"");
    }

    /// <summary>The number a home-page link shows, and the page it opens.</summary>
    private static async Task<(int Count, IHtmlDocument List)> FollowAsync(HttpClient client, IHtmlDocument home, string testId)
    {
        var link = home.QuerySelector($"[data-testid={testId}]") as IHtmlAnchorElement
                   ?? throw new InvalidOperationException($"No link {testId}: {home.QuerySelector("main")?.TextContent}");
        var visible = link.ChildNodes.Where(n => n is not AngleSharp.Dom.IElement e || !e.ClassList.Contains("govuk-visually-hidden")).Select(n => n.TextContent);
        return (Number(string.Concat(visible)), await client.GetDocumentAsync(link.GetAttribute("href")!));
    }

    private static int RevocationTotal(IHtmlDocument list) =>
        list.QuerySelector("[data-testid=total]") is { } total ? Number(total.TextContent) : list.QuerySelector("[data-testid=empty]") is not null ? 0
        : throw new InvalidOperationException(list.QuerySelector("main")?.TextContent);

    private async Task<(IHtmlDocument Home, HttpClient Client)> HomeAsync(string role)
    {
        var client = await app.SignInAsRoleAsync(role);
        return (await client.GetDocumentAsync("/"), client);
    }

    [Fact]
    public async Task Administrator_QueueCounts_AreRight_AndEachOpensItsQueueWithTheSameCount()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview);
        var (home, client) = await HomeAsync(Roles.Administrator);

        foreach (var queue in new[] { WorkQueue.UnderProcessing, WorkQueue.AwaitingReview, WorkQueue.AwaitingFinalReview })
        {
            var row = home.QuerySelector($"[data-testid=home-queues] [data-queue={queue}]")!;
            var link = (IHtmlAnchorElement)row.QuerySelector("[data-testid=queue-count]")!;
            var shown = Number(link.ChildNodes.First().TextContent);
            var list = await client.GetDocumentAsync(link.GetAttribute("href")!);
            Assert.Equal(shown, Number(list.Text("[data-testid=queue-total]")));
            await using var db = app.Db();
            Assert.Equal(await db.Applications.CountAsync(a => a.Queue == queue), shown);
        }
        var final = home.QuerySelector("[data-testid=home-queues] [data-queue=AwaitingFinalReview]")!;
        Assert.True(Number(final.QuerySelector("[data-testid=queue-count]")!.ChildNodes.First().TextContent) >= 1);
        await using (var db = app.Db())
        {
            var oldest = await db.Applications.Where(a => a.Queue == WorkQueue.AwaitingFinalReview).OrderBy(a => a.StageChangedAt).ThenBy(a => a.Id).FirstAsync();
            Assert.Equal(oldest.RegistryNumber, final.Text("[data-testid=queue-oldest]"));
        }
        Assert.Contains(application.RegistryNumber, (await client.GetDocumentAsync($"/Queues/AwaitingFinalReview?sort=days")).QuerySelector("main")!.TextContent);
        Assert.Contains("has waited longest", home.Text("[data-testid=home-oldest]"));
    }

    [Fact]
    public async Task Administrator_RevocationsNearingAndPastTheLimit_AndEndedEmployments_AreCountedAndLinkToTheirFilteredLists()
    {
        _ = app.Server;
        app.Authority.Reset();
        var admin = await app.StaffAsync("admin@test.example");
        var (home, client) = await HomeAsync(Roles.Administrator);
        var dueSoonBefore = (await FollowAsync(client, home, "home-due-soon")).Count;
        var overdueBefore = (await FollowAsync(client, home, "home-overdue")).Count;
        var endedBefore = (await FollowAsync(client, home, "home-ended")).Count;

        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "NearTheLimit");
        await app.RequestRevocationAsync(certificate, admin);
        app.Authority.FailNext(1000);
        await app.RevocationSender().ProcessBatchAsync();
        app.Clock.Advance(TimeSpan.FromHours(21)); // 3 hours left
        (home, client) = await HomeAsync(Roles.Administrator);
        var (dueSoon, dueSoonList) = await FollowAsync(client, home, "home-due-soon");
        Assert.Equal(dueSoonBefore + 1, dueSoon);
        Assert.Equal(dueSoon, RevocationTotal(dueSoonList));
        Assert.Contains("NearTheLimit", dueSoonList.QuerySelector("main")!.TextContent);
        var (overdue, overdueList) = await FollowAsync(client, home, "home-overdue");
        Assert.Equal(overdueBefore, overdue);
        Assert.Equal(overdue, RevocationTotal(overdueList));

        app.Clock.Advance(TimeSpan.FromHours(4)); // an hour past the limit
        (home, client) = await HomeAsync(Roles.Administrator);
        (overdue, overdueList) = await FollowAsync(client, home, "home-overdue");
        Assert.Equal(overdueBefore + 1, overdue);
        Assert.Equal(overdue, RevocationTotal(overdueList));
        Assert.Contains("NearTheLimit", overdueList.QuerySelector("main")!.TextContent);
        Assert.Equal(dueSoonBefore, (await FollowAsync(client, home, "home-due-soon")).Count);
        app.Authority.Reset();

        var (leaver, _) = await app.IssuedCertificateAsync(ReferenceData.PublicServantCertificate, "HomeLeaver");
        await using (var db = app.Db())
        {
            var person = await db.Persons.Include(p => p.Employments).ThenInclude(e => e.Organisation).SingleAsync(p => p.Id == leaver.PersonId);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki")).DateTime);
            person.EndEmployment(leaver.OrganisationId!.Value, today.AddDays(-1), today, admin, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        (home, client) = await HomeAsync(Roles.Administrator);
        var (ended, endedList) = await FollowAsync(client, home, "home-ended");
        Assert.Equal(endedBefore + 1, ended);
        Assert.Equal(ended, endedList.QuerySelectorAll("[data-testid=ended]").Length);
        Assert.Equal(ended, Number(endedList.Text("[data-testid=ended-count]")));
    }

    [Fact]
    public async Task Administrator_UnreadSecureMessages_AreCountedAndOpenTheUnreadTabWithTheSameCount()
    {
        var (home, client) = await HomeAsync(Roles.Administrator);
        var before = (await FollowAsync(client, home, "home-unread")).Count;
        var message = await app.MessageAsync("A question about my certificate");
        await app.MessageAsync("Another question");

        (home, client) = await HomeAsync(Roles.Administrator);
        var (unread, list) = await FollowAsync(client, home, "home-unread");
        Assert.Equal(before + 2, unread);
        Assert.Equal(unread, list.QuerySelectorAll("[data-testid=inbox-row]").Length);
        Assert.Equal(unread.ToString(), list.Text("[data-tab=Unread] .app-count"));
        Assert.Contains("A question about my certificate", list.QuerySelector("[data-testid=inbox]")!.TextContent);

        await client.GetAsync($"/Messages/{message.Id}"); // reading it
        (home, client) = await HomeAsync(Roles.Administrator);
        (unread, list) = await FollowAsync(client, home, "home-unread");
        Assert.Equal(before + 1, unread);
        Assert.Equal(unread, list.QuerySelectorAll("[data-testid=inbox-row]").Length);
    }

    [Fact]
    public async Task Reviewer_FinalReviewsOfAnApplicationWhoseStepTheyApproved_AreMarkedForAnotherReviewer()
    {
        // reviewer@ approved this one's steps, reviewer2@ the other's: four eyes bars reviewer@ from the first only.
        var own = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview, approvedBy: "reviewer@test.example");
        var other = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingFinalReview, approvedBy: "reviewer2@test.example");
        await using (var db = app.Db())
        {
            // The oldest come first and the home lists five: make these two the oldest.
            foreach (var id in new[] { own.Id, other.Id })
                await db.Database.ExecuteSqlAsync($"UPDATE applications SET stage_changed_at = stage_changed_at - interval '400 days' WHERE id = {id}");
        }
        var (home, client) = await HomeAsync(Roles.Reviewer);

        var rows = home.QuerySelectorAll("[data-testid=home-final-list] tbody tr");
        Assert.Equal("true", rows.Single(r => r.GetAttribute("data-id") == own.Id.ToString()).GetAttribute("data-barred"));
        Assert.Contains("Another reviewer must decide", rows.Single(r => r.GetAttribute("data-id") == own.Id.ToString()).TextContent);
        Assert.Equal("false", rows.Single(r => r.GetAttribute("data-id") == other.Id.ToString()).GetAttribute("data-barred"));
        // The marking agrees with the final review page itself: there reviewer@ is refused on the first, offered the decision on the second.
        var ownFinal = await client.GetDocumentAsync($"/Reviews/Final/{own.Id}");
        Assert.Contains("Another reviewer must decide", ownFinal.QuerySelector("main")!.TextContent);

        await using (var db = app.Db())
        {
            var finals = await db.Applications.Include(a => a.Steps).Where(a => a.Stage == ApplicationStage.AwaitingFinalReview).ToListAsync();
            var reviewer = await app.StaffAsync("reviewer@test.example");
            var barred = finals.Count(a => a.FinalReviewerConflict(reviewer.UserId, false) is not null);
            Assert.Contains($"({barred} of them", home.Text("[data-testid=home-barred-count]"));
        }
        var (finalCount, queue) = await FollowAsync(client, home, "home-finals");
        Assert.Equal(finalCount, Number(queue.Text("#final-heading")));
        var (stepCount, steps) = await FollowAsync(client, home, "home-steps");
        Assert.Equal(stepCount, Number(steps.Text("#steps-heading")));

        // Reviewer2 approved the other's steps: for them it is the other way round.
        var (home2, _) = (await (await app.SignInAsync("reviewer2@test.example")).GetDocumentAsync("/"), 0);
        var rows2 = home2.QuerySelectorAll("[data-testid=home-final-list] tbody tr");
        Assert.Equal("false", rows2.Single(r => r.GetAttribute("data-id") == own.Id.ToString()).GetAttribute("data-barred"));
        Assert.Equal("true", rows2.Single(r => r.GetAttribute("data-id") == other.Id.ToString()).GetAttribute("data-barred"));
    }

    [Fact]
    public async Task Reviewer_TheirOwnDecisionsThisWeek_AreCountedAndListed()
    {
        var (before, _) = await HomeAsync(Roles.Reviewer);
        var countBefore = Number(before.Text("[data-testid=home-decision-count]"));
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        await app.UploadFilesAsync(application.Id, app.Clock.GetUtcNow());
        var reviewer = await app.StaffAsync("reviewer@test.example");
        await using (var db = app.Db())
        {
            var loaded = (await db.LoadForChangeAsync(application.Id))!;
            foreach (var step in loaded.Steps.Where(s => s.Status == StepStatus.AwaitingReview).ToList())
                loaded.ApproveStep(step.Id, reviewer, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var approved = (await app.ReloadAsync(application.Id)).Steps.Count;
        var (home, _) = await HomeAsync(Roles.Reviewer);

        Assert.Equal(countBefore + approved, Number(home.Text("[data-testid=home-decision-count]")));
        var lines = home.QuerySelectorAll("[data-testid=home-decision]").Where(r => r.TextContent.Contains(application.RegistryNumber)).ToList();
        Assert.Equal(approved, lines.Count);
        Assert.All(lines, l => Assert.Contains("Step approved", l.TextContent));
        // Another reviewer's page does not count them.
        var other = await (await app.SignInAsync("reviewer2@test.example")).GetDocumentAsync("/");
        Assert.DoesNotContain(application.RegistryNumber, other.QuerySelector("[data-testid=home-reviewer]")!.TextContent.Split("Your decisions this week").Last());
    }

    [Fact]
    public async Task SystemAdministrator_CountsLinkToTheirFilteredLists_AndTheHomeNamesNobody()
    {
        await using (var db = app.Db())
        {
            db.Users.Add(new StaffUser { UserName = "zebulon.quux@example.test", Email = "zebulon.quux@example.test", NormalizedEmail = "ZEBULON.QUUX@EXAMPLE.TEST",
                NormalizedUserName = "ZEBULON.QUUX@EXAMPLE.TEST", DisplayName = "Zebulon Quux", SecurityStamp = Guid.NewGuid().ToString() });
            var failed = OutboxMessage.Create(MailTemplate.ApplicationRefused, "hidden.applicant@example.fi", "sv", "BO/2026/998877",
                new Dictionary<string, string?> { ["name"] = "Hidden Applicant" }, app.Clock.GetUtcNow());
            failed.MarkFailedAttempt("SmtpCommandException: 5.1.1 <hidden.applicant@example.fi>: User unknown", app.Clock.GetUtcNow(), 8, TimeSpan.FromMinutes(1), permanent: true);
            db.OutboxMessages.Add(failed);
            db.OutboxMessages.Add(OutboxMessage.Create(MailTemplate.CertificateIssued, "waiting.applicant@example.fi", "fi", "BO/2026/998878",
                new Dictionary<string, string?> { ["name"] = "Waiting Applicant" }, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        var disabled = await app.NewStaffAsync("Dora Disabled", Roles.Auditor);
        await using (var db = app.Db())
        {
            var user = await db.Users.SingleAsync(u => u.Id == disabled.Id);
            user.Disable(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var (home, client) = await HomeAsync(Roles.SystemAdministrator);

        await using (var db = app.Db())
        {
            foreach (var role in Roles.All)
            {
                var (count, list) = await FollowAsync(client, home, $"home-role-{role}");
                Assert.Equal(await db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)), count);
                Assert.Equal(count, Number(list.QuerySelector("[data-testid=staff] caption")!.TextContent));
            }
            var (invited, invitedList) = await FollowAsync(client, home, "home-invited");
            Assert.Equal(await db.Users.CountAsync(u => u.DisabledAt == null && u.PasswordHash == null), invited);
            Assert.True(invited >= 1);
            Assert.Equal(invited, Number(invitedList.QuerySelector("[data-testid=staff] caption")!.TextContent));
            var (disabledCount, disabledList) = await FollowAsync(client, home, "home-disabled");
            Assert.Equal(await db.Users.CountAsync(u => u.DisabledAt != null), disabledCount);
            Assert.Equal(disabledCount, Number(disabledList.QuerySelector("[data-testid=staff] caption")!.TextContent));
            var (staff, staffList) = await FollowAsync(client, home, "home-staff");
            Assert.Equal(await db.Users.CountAsync(), staff);
            Assert.Equal(staff, Number(staffList.QuerySelector("[data-testid=staff] caption")!.TextContent));
            foreach (var (testId, status) in new[] { ("home-mail-failed", OutboxStatus.Failed), ("home-mail-waiting", OutboxStatus.Pending) })
            {
                var (mail, mailList) = await FollowAsync(client, home, testId);
                Assert.Equal(await db.OutboxMessages.CountAsync(m => m.Status == status), mail);
                Assert.True(mail >= 1);
                Assert.Equal(mail, Number(Regex.Match(mailList.QuerySelector("#outbox caption")!.TextContent, @"\((\d+)").Groups[1].Value));
            }
            var (missing, typesList) = await FollowAsync(client, home, "home-types-missing");
            var types = await db.CertificateTypes.Include(t => t.StepTemplates).ToListAsync();
            Assert.Equal(types.Count(t => t.LacksTranslations), missing);
            Assert.Equal(missing, typesList.QuerySelectorAll("[data-testid=types] tbody tr").Length);
            Assert.Equal(missing, typesList.QuerySelectorAll("[data-testid=lacks-translations]").Length);

            // Separation of duties: nobody is named, no address, no registry number; only the person signed in greets themself.
            var main = home.QuerySelector("main")!.TextContent;
            var me = TestDatabase.EmailOf(Roles.SystemAdministrator);
            var others = await db.Users.Where(u => u.Email != me).Select(u => new { u.DisplayName, u.Email }).ToListAsync();
            var mails = await db.OutboxMessages.Select(m => new { m.ToAddress, m.RegistryNumber }).ToListAsync();
            var secrets = others.SelectMany(u => new[] { u.DisplayName, u.Email! }).Concat(mails.SelectMany(m => new[] { m.ToAddress, m.ToAddress.Split('@')[1], m.RegistryNumber ?? "-" }))
                .Concat(["Zebulon", "Hidden Applicant", "Waiting Applicant", "User unknown", "@"]).Where(s => s.Length > 0 && s != "-").Distinct();
            Assert.DoesNotContain(secrets, s => main.Contains(s, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Auditor_SeesTheLatestSignedCheckpoint()
    {
        var (before, _) = await HomeAsync(Roles.Auditor);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var checkpoint = await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteIfDueAsync(force: true);
            Assert.NotNull(checkpoint);
            var (home, _) = await HomeAsync(Roles.Auditor);
            Assert.Contains($"Event {checkpoint!.Position:N0} of", home.Text("[data-testid=home-checkpoint]"));
        }
        Assert.NotNull(before.QuerySelector("[data-testid=home-checkpoint]"));
    }

    [Fact]
    public async Task Auditor_SeesTheLastVerification_AndTheirExportsWithADownloadWhileKept()
    {
        var (before, client) = await HomeAsync(Roles.Auditor);
        var auditor = await app.StaffAsync(TestDatabase.EmailOf(Roles.Auditor));
        var verified = await client.SubmitFormAsync("/Audit", new(), formSelector: "main form[action*='handler=Verify']");
        Assert.True(verified.IsSuccessStatusCode, verified.StatusCode.ToString());
        var done = BackOffice.Data.Domain.Exports.ExportJob.Request(BackOffice.Data.Domain.Exports.ExportReport.History, BackOffice.Data.Domain.Exports.ExportFormat.Csv,
            new Dictionary<string, string?>(), auditor, "en", 10, app.Clock.GetUtcNow());
        done.Claim(app.Clock.GetUtcNow());
        done.Complete("2026/11/home-test.csv", "history.csv", 100, 10, app.Clock.GetUtcNow(), TimeSpan.FromDays(7));
        var someoneElses = BackOffice.Data.Domain.Exports.ExportJob.Request(BackOffice.Data.Domain.Exports.ExportReport.AuditTrail, BackOffice.Data.Domain.Exports.ExportFormat.Xlsx,
            new Dictionary<string, string?>(), await app.StaffAsync("admin@test.example"), "en", 10, app.Clock.GetUtcNow());
        await using (var db = app.Db())
        {
            db.ExportJobs.AddRange(done, someoneElses);
            await db.SaveChangesAsync();
        }

        var (home, _) = await HomeAsync(Roles.Auditor);
        Assert.Equal("Intact", home.Text("[data-testid=home-verification-result]"));
        var rows = home.QuerySelectorAll("[data-testid=home-exports] tbody tr");
        Assert.Contains(rows, r => r.GetAttribute("data-id") == done.Id.ToString() && r.QuerySelector("[data-testid=home-download]") is not null);
        Assert.DoesNotContain(rows, r => r.GetAttribute("data-id") == someoneElses.Id.ToString());
        Assert.NotNull(home.QuerySelector("[data-testid=home-auditor-links] a[href='/Reports/Dashboard']"));

        app.Clock.Advance(TimeSpan.FromDays(8)); // past its keeping
        (home, _) = await HomeAsync(Roles.Auditor);
        var expired = home.QuerySelectorAll("[data-testid=home-exports] tbody tr").Single(r => r.GetAttribute("data-id") == done.Id.ToString());
        Assert.Null(expired.QuerySelector("[data-testid=home-download]"));
        Assert.NotNull(before.QuerySelector("[data-testid=home-verification]"));
    }

    [Fact]
    public async Task APersonWithTwoCaseRoles_SeesBothSections_AndOthersOnlyTheirOwn()
    {
        var both = await app.NewStaffAsync("Two Hats", Roles.Administrator, Roles.Reviewer);
        var home = await (await app.SignInAsync(both.Email!)).GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("[data-testid=home-administrator]"));
        Assert.NotNull(home.QuerySelector("[data-testid=home-reviewer]"));
        Assert.Null(home.QuerySelector("[data-testid=home-auditor]"));

        var (auditor, _) = await HomeAsync(Roles.Auditor);
        Assert.Null(auditor.QuerySelector("[data-testid=home-administrator]"));
        Assert.NotNull(auditor.QuerySelector("[data-testid=home-auditor]"));
        var (sysadmin, _) = await HomeAsync(Roles.SystemAdministrator);
        Assert.Null(sysadmin.QuerySelector("[data-testid=home-administrator]"));
        Assert.Null(sysadmin.QuerySelector("[data-testid=home-reviewer]"));
        Assert.NotNull(sysadmin.QuerySelector("[data-testid=home-system-administrator]"));
    }
}
