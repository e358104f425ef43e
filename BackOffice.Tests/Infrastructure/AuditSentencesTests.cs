using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Tests.Support;
using BackOffice.Web;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BackOffice.Tests.Infrastructure;

/// <summary>One voice for the event log: every audit action reads as a sentence in English, Swedish and Finnish.</summary>
public partial class AuditSentencesTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    /// <summary>Details as the code records them, for each action.</summary>
    private static readonly Dictionary<string, Dictionary<string, string?>> Samples = new()
    {
        [AuditActions.ApplicationRegistered] = new() { ["type"] = "service", ["registryNumber"] = "BO/2026/000007" },
        [AuditActions.ApplicationStageChanged] = new() { ["action"] = "CancelIssuance", ["from"] = "AwaitingSignature", ["to"] = "Cancelled", ["note"] = null },
        [AuditActions.InvoiceRecipientRecorded] = new() { ["kind"] = "Employer", ["city"] = "Tampere", ["country"] = "FI" },
        [AuditActions.ApplicationViewed] = new() { ["page"] = "step-review", ["step"] = "Proof of identity" },
        [AuditActions.StepFileUploaded] = new() { ["step"] = "Proof of identity", ["file"] = "passport.pdf", ["sha256"] = new string('a', 64), ["version"] = "2" },
        [AuditActions.StepFileViewed] = new() { ["step"] = "Proof of identity", ["file"] = "passport.pdf", ["version"] = "2" },
        [AuditActions.StepFileDownloaded] = new() { ["step"] = "Proof of identity", ["file"] = "passport.pdf", ["version"] = "2" },
        [AuditActions.StepApproved] = new() { ["step"] = "Proof of identity" },
        [AuditActions.StepNotApproved] = new() { ["step"] = "Proof of identity", ["reason"] = "The scan is unreadable" },
        [AuditActions.CertificateIssued] = new() { ["certificateNumber"] = "C-2026-000031", ["serialNumber"] = "0A1B", ["validUntil"] = "2028-11-02T09:00:00.0000000+00:00" },
        [AuditActions.DecisionAcknowledged] = new() { ["decision"] = "Issued" },
        [AuditActions.PersonViewed] = new() { ["tab"] = "History" },
        [AuditActions.OutboxViewed] = new() { ["status"] = "Failed", ["page"] = "1" },
        [AuditActions.MailViewed] = new() { ["status"] = "Sent", ["page"] = "2" },
        [AuditActions.OutboxRetried] = new() { ["messageId"] = "<x@y>", ["template"] = "step-approved", ["registryNumber"] = "BO/2026/000007" },
        [AuditActions.StepTemplateAdded] = new() { ["type"] = "service", ["template"] = Guid.NewGuid().ToString(), ["name"] = "Employer's statement" },
        [AuditActions.StepTemplateEdited] = new() { ["type"] = "service", ["template"] = Guid.NewGuid().ToString(), ["name"] = "Employer's statement" },
        [AuditActions.StepTemplateRemoved] = new() { ["type"] = "service", ["template"] = Guid.NewGuid().ToString(), ["name"] = "Employer's statement" },
        [AuditActions.StepTemplateFileSet] = new() { ["template"] = Guid.NewGuid().ToString(), ["file"] = "form.pdf", ["sha256"] = new string('b', 64) },
        [AuditActions.SignInFailed] = new() { ["email"] = "maria@example.fi", ["reason"] = "locked-out" },
        [AuditActions.ChainCheckpoint] = new() { ["position"] = "41", ["hash"] = new string('c', 64), ["keyId"] = "k1", ["signature"] = new string('d', 64) },
        [AuditActions.ReportExported] = new() { ["report"] = "history", ["format"] = "Xlsx", ["rows"] = "1234", ["filter.from"] = "2026-01-01", ["filter.to"] = "2026-03-31", ["filter.person"] = "Åsa Öberg", ["filter.type"] = "service" },
        [AuditActions.ReportDownloaded] = new() { ["report"] = "audit-trail", ["format"] = "Csv", ["rows"] = "25000", ["filter.from"] = "2026-01-01", ["filter.to"] = "2026-03-31", ["filter.action"] = "person.viewed" },
        [AuditActions.AuditViewed] = new() { ["filter.from"] = "2026-01-01", ["filter.to"] = "2026-03-31", ["filter.actor"] = "Johan Lindqvist", ["page"] = "2" },
        [AuditActions.AuditVerified] = new() { ["result"] = "broken", ["events"] = "1000", ["position"] = "1001", ["break"] = "Hash", ["lastHash"] = new string('e', 64) },
        [AuditActions.StaffRecordViewed] = new() { ["staff"] = "Johan Lindqvist", ["filter.from"] = "2026-01-01", ["filter.to"] = "2026-03-31", ["filter.actor"] = "Johan Lindqvist" },
        // Revocation (issue 13).
        [AuditActions.RevocationRequested] = new() { ["certificateNumber"] = "C-2026-0000031", ["serialNumber"] = new string('A', 32), ["reason"] = "KeyCompromise",
            ["scheduledSendAt"] = "2026-11-03T07:30:00.0000000+00:00", ["requiresApproval"] = "false", ["note"] = "Laptop stolen" },
        [AuditActions.RevocationApproved] = new() { ["certificateNumber"] = "C-2026-0000031", ["serialNumber"] = new string('A', 32) },
        [AuditActions.RevocationWithdrawn] = new() { ["certificateNumber"] = "C-2026-0000031", ["serialNumber"] = new string('A', 32), ["reason"] = "Wrong certificate" },
        [AuditActions.CertificateRevoked] = new() { ["certificateNumber"] = "C-2026-0000031", ["serialNumber"] = new string('A', 32), ["reason"] = "Superseded",
            ["revokedAt"] = "2026-11-03T07:31:00.0000000+00:00", ["attempts"] = "1" },
        [AuditActions.RevocationViewed] = new() { ["certificateNumber"] = "C-2026-0000031", ["page"] = "withdraw" },
        [AuditActions.RevocationFormViewed] = new() { ["certificateNumber"] = "C-2026-0000031" },
        [AuditActions.RevocationsListed] = new() { ["state"] = "Open", ["from"] = null, ["to"] = null, ["page"] = "1" },
        [AuditActions.RevokedFeedRead] = new() { ["format"] = "csv", ["since"] = null, ["count"] = "12" },
        [AuditActions.EmploymentEnded] = new() { ["organisation"] = "Helsingin kaupunki", ["endDate"] = "2026-10-31" },
        // Staff administration and sign-in (issue 14).
        [AuditActions.SignIn] = new() { ["method"] = "authenticator" },
        [AuditActions.StaffInvited] = new() { ["name"] = "Sofia Lindholm", ["email"] = "sofia@example.fi", ["roles"] = "Reviewer,Auditor", ["expiresAt"] = "2026-11-05T09:00:00Z", ["mailed"] = "true" },
        [AuditActions.StaffLinkSent] = new() { ["name"] = "Sofia Lindholm", ["expiresAt"] = "2026-11-05T09:00:00Z" },
        [AuditActions.StaffPasswordSet] = new() { ["name"] = "Maria Virtanen" },
        [AuditActions.StaffRolesChanged] = new() { ["name"] = "Sofia Lindholm", ["from"] = "Reviewer", ["to"] = "Reviewer,Auditor" },
        [AuditActions.StaffDisabled] = new() { ["name"] = "Sofia Lindholm", ["sessionsEnded"] = "2" },
        [AuditActions.StaffEnabled] = new() { ["name"] = "Sofia Lindholm" },
        [AuditActions.StaffTwoFactorReset] = new() { ["name"] = "Sofia Lindholm", ["passkeys"] = "1", ["sessionsEnded"] = "1" },
        [AuditActions.RecoveryCodesGenerated] = new() { ["count"] = "10" },
        [AuditActions.RecoveryCodeUsed] = new() { ["left"] = "9" },
        [AuditActions.SecondFactorFailed] = new() { ["method"] = "authenticator", ["reason"] = "replayed" },
        [AuditActions.PasskeyAdded] = new() { ["name"] = "Work laptop" },
        [AuditActions.PasskeyRemoved] = new() { ["name"] = "Work laptop" },
        [AuditActions.OtherSessionsEnded] = new() { ["count"] = "2" },
        [AuditActions.OrganisationAdded] = new() { ["name"] = "Nordic Cooling Oy", ["number"] = "2345678-0", ["country"] = "FI" },
        [AuditActions.OrganisationEdited] = new() { ["name"] = "Nordic Cooling Ab", ["number"] = "2345678-0", ["country"] = "FI", ["previousName"] = "Nordic Cooling Oy" },
        [AuditActions.OrganisationViewed] = new() { ["name"] = "Nordic Cooling Oy", ["number"] = "2345678-0" },
    };

    public static TheoryData<string, string> ActionsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in AuditActions.All)
            foreach (var language in new[] { "en", "sv", "fi" })
                data.Add(action, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActionsAndLanguages))]
    public void Every_action_reads_as_a_sentence_in_each_language(string action, string language)
    {
        var details = JsonSerializer.Serialize(Samples.GetValueOrDefault(action) ?? []);
        var sentence = Render(new AuditLine(1, DateTimeOffset.UtcNow, "Maria Virtanen", action, details, "BO/2026/000007"), language);

        Assert.DoesNotContain("Maria Virtanen did something", sentence);
        Assert.DoesNotMatch(@"\{\d\}|\{""|[0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-", sentence);
        Assert.DoesNotContain(action, sentence);
        Assert.True(sentence.Contains("Maria Virtanen", StringComparison.Ordinal) || action is AuditActions.SignInFailed or AuditActions.ChainCheckpoint, sentence);
    }

    [Fact]
    public void Every_action_and_every_stage_move_has_a_resource_in_all_three_languages()
    {
        // Its sentence, and its name in a few words (the audit trail's action filter and the export's Action column).
        var keys = AuditActions.All.Select(a => "Audit." + a).Concat(AuditActions.All.Select(a => "Audit.Action." + a))
            .Concat(Enum.GetValues<IssuanceAction>().Select(a => "Audit.Stage." + a)).ToList();
        foreach (var suffix in new[] { "", ".sv", ".fi" })
        {
            var names = XDocument.Load(Path.Combine(ArchitectureTests.SourceRoot(), "BackOffice.Web", "Resources", $"SharedResource{suffix}.resx"))
                .Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
            Assert.Empty(keys.Where(k => !names.Contains(k)).Select(k => k + suffix));
        }
    }

    [Theory]
    [InlineData(AuditActions.StaffRolesChanged, "en", "Maria Virtanen changed the roles of Sofia Lindholm to Reviewer, Auditor (before: Reviewer)")]
    [InlineData(AuditActions.StaffRolesChanged, "fi", "Maria Virtanen muutti henkilön Sofia Lindholm roolit: Tarkastaja, Tarkastaja (auditoija) (aiemmin: Tarkastaja)")]
    [InlineData(AuditActions.SecondFactorFailed, "en", "Maria Virtanen entered an authenticator code that had already been used; it was refused")]
    [InlineData(AuditActions.OrganisationEdited, "sv", "Maria Virtanen redigerade organisationen Nordic Cooling Ab (2345678-0); tidigare: Nordic Cooling Oy")]
    [InlineData(AuditActions.SignIn, "en", "Maria Virtanen signed in with the password and an authenticator code")]
    public void Staff_events_read_with_their_details(string action, string language, string expected) =>
        Assert.Equal(expected, Render(new AuditLine(1, DateTimeOffset.UtcNow, "Maria Virtanen", action, JsonSerializer.Serialize(Samples[action]), null), language));

    [Fact]
    public void Revocation_events_read_with_their_certificate_reason_and_times()
    {
        string Read(string action, string language = "en") =>
            Render(new AuditLine(1, DateTimeOffset.UtcNow, "Maria Virtanen", action, JsonSerializer.Serialize(Samples[action]), "BO/2026/000007"), language);
        Assert.Equal("Maria Virtanen requested the revocation of certificate C-2026-0000031 of BO/2026/000007 (Key compromise), to be sent on 03/11/2026 09:30 Note: “Laptop stolen”",
            Read(AuditActions.RevocationRequested));
        Assert.Equal("Maria Virtanen sulki hakemuksen BO/2026/000007 varmenteen C-2026-0000031 (Korvattu) 3.11.2026 9.31", Read(AuditActions.CertificateRevoked, "fi"));
        Assert.Equal("Maria Virtanen drog tillbaka begäran om återkallelse av certifikat C-2026-0000031 för BO/2026/000007: ”Wrong certificate”", Read(AuditActions.RevocationWithdrawn, "sv"));
        Assert.Equal("Maria Virtanen read the list of revoked certificates as CSV (12 certificates)", Read(AuditActions.RevokedFeedRead));
        Assert.Equal("Maria Virtanen opened the revocation form for certificate C-2026-0000031 of BO/2026/000007", Read(AuditActions.RevocationFormViewed));
        Assert.Equal("Maria Virtanen öppnade återtagandet av begäran om återkallelse av certifikat C-2026-0000031 för BO/2026/000007", Read(AuditActions.RevocationViewed, "sv"));
        Assert.Equal("Maria Virtanen recorded that the person's employment with Helsingin kaupunki ended on 31/10/2026", Read(AuditActions.EmploymentEnded));
    }

    [Fact]
    public void The_examples_of_the_issue_read_as_written()
    {
        Assert.Equal("Maria Virtanen cancelled the issuance of BO/2026/000001", Render(new AuditLine(1, DateTimeOffset.UtcNow, "Maria Virtanen",
            AuditActions.ApplicationStageChanged, """{"action":"CancelIssuance","from":"AwaitingSignature","note":null,"to":"Cancelled"}""", "BO/2026/000001"), "en"));
        Assert.Equal("Aino Korhonen katsoi henkilön tietoja", Render(new AuditLine(1, DateTimeOffset.UtcNow, "Aino Korhonen",
            AuditActions.PersonViewed, """{ "tab": "Overview" }""", null), "fi"));
    }

    /// <summary>New audit actions are added to <see cref="AuditActions"/>, never written as a literal where they are recorded.</summary>
    [Fact]
    public void No_audit_action_is_written_as_a_literal_outside_AuditActions()
    {
        var root = ArchitectureTests.SourceRoot();
        var offenders = new[] { "BackOffice.Web", "BackOffice.Data" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("AuditActions.cs", StringComparison.Ordinal))
            .SelectMany(f => RecordedLiteral().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();
        Assert.Empty(offenders);
    }

    private string Render(AuditLine line, string language)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(LocalizationSetup.Languages[language]);
            CultureInfo.CurrentUICulture = new CultureInfo(language);
            var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
            return l.Sentence(line, app.Services.GetRequiredService<OfficeTime>());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    [GeneratedRegex(@"(RecordAsync|AuditChange|AuditEvent\.Create|audit\.Add)\([^;]*?""[a-z-]+\.[a-z-]+""")]
    private static partial Regex RecordedLiteral();
}
