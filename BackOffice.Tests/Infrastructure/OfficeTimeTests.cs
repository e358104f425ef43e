using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Infrastructure;

/// <summary>One clock for people: the same moment reads the same in the office's zone on every page, whatever the server's zone.</summary>
public class OfficeTimeTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    // 09:07 UTC is 11:07 in Helsinki (EET, UTC+2) and 10:07 in Stockholm (CET, UTC+1); a server-zone display shows 09:07 on a UTC server.
    private static readonly DateTimeOffset Instant = new(2026, 11, 2, 9, 7, 0, TimeSpan.Zero);

    private async Task<(Application Application, Guid StepId)> UploadedAtInstantAsync()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        await app.UploadFilesAsync(application.Id, Instant);
        await using var db = app.Db();
        db.OutboxMessages.Add(OutboxMessage.Create(MailTemplate.IssuanceCancelled, "aino@example.fi", "en", application.RegistryNumber,
            new Dictionary<string, string?>(), Instant));
        await db.SaveChangesAsync();
        return (application, application.Steps[0].Id);
    }

    private static async Task<string> MainTextAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("main")!.TextContent;

    /// <summary>A browser that asks for plain "fi" or "sv" (no language chosen yet) reads that language's dates as in Finland.</summary>
    [Theory]
    [InlineData("fi", "2.11.2026 11.07", "fi")]
    [InlineData("de-DE, sv;q=0.8, en;q=0.5", "2026-11-02 11:07", "sv")]
    [InlineData("de-DE", "02/11/2026 11:07", "en")]
    public async Task TheBrowsersLanguage_ChoosesTheWordsAndTheDates(string acceptLanguage, string expected, string lang)
    {
        var (application, _) = await UploadedAtInstantAsync();
        var client = await app.SignInAsRoleAsync(Roles.Administrator);
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await client.GetDocumentAsync($"/Persons/{application.PersonId}/history");

        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(expected, page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_moment_reads_as_the_same_Helsinki_wall_clock_on_the_card_the_application_the_review_and_the_outbox()
    {
        var (application, stepId) = await UploadedAtInstantAsync();
        const string helsinki = "02/11/2026 11:07";
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var reviewer = await app.SignInAsRoleAsync(Roles.Reviewer);
        var sysadmin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        Assert.Contains(helsinki, await MainTextAsync(admin, $"/Persons/{application.PersonId}/history"));
        Assert.Contains(helsinki, await MainTextAsync(admin, $"/Applications/{application.Id}"));
        Assert.Contains(helsinki, await MainTextAsync(reviewer, $"/Reviews/{stepId}"));
        Assert.Contains(helsinki, await MainTextAsync(sysadmin, "/Admin/Outbox?status=Pending"));
        Assert.DoesNotContain("02/11/2026 09:07", await MainTextAsync(admin, $"/Applications/{application.Id}"));
    }

    [Fact]
    public async Task Another_office_time_zone_moves_every_time_shown()
    {
        var (application, _) = await UploadedAtInstantAsync();
        using var stockholm = app.WithWebHostBuilder(b => b.UseSetting("Office:TimeZone", "Europe/Stockholm"));
        var admin = await stockholm.SignedInClientAsync(TestDatabase.EmailOf(Roles.Administrator));

        var text = await MainTextAsync(admin, $"/Applications/{application.Id}");

        Assert.Contains("02/11/2026 10:07", text);
        Assert.DoesNotContain("02/11/2026 11:07", text);
    }

    [Fact]
    public void No_page_or_service_converts_to_the_servers_zone()
    {
        var web = Path.Combine(ArchitectureTests.SourceRoot(), "BackOffice.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("ToLocalTime(", StringComparison.Ordinal) || File.ReadAllText(f).Contains("TimeZoneInfo.Local", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f)).ToList();
        Assert.Empty(offenders);
    }
}
