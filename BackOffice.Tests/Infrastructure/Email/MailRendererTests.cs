using BackOffice.Data;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Web.Infrastructure.Email;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Infrastructure.Email;

/// <summary>Every template in every language, with the values the model puts in each row (docs/email.md).</summary>
public class MailRendererTests
{
    private const string RegistryNumber = "BO/2026/000042";

    private static readonly Dictionary<string, string?> Model = new()
    {
        ["registryNumber"] = RegistryNumber,
        ["name"] = "Eero <b>Mäkinen</b>",
        ["certificateType"] = "citizen",
        ["step"] = "Copy of passport",
        ["reason"] = "The scan is unreadable <script>alert(1)</script>\nPlease scan again.",
        ["certificateNumber"] = "C-2026-0000007",
        ["validUntil"] = "2031-11-02",
        ["link"] = "https://portal.example/messages/abc?x=1&y=2",
        ["expiresAt"] = "2026-11-16T10:00:00+00:00",
        ["sendAt"] = "2026-11-03T07:30:00.0000000+00:00",
        ["revokedAt"] = "2026-11-03T07:31:00.0000000+00:00",
        ["reference"] = "SM-2026-000042",
        ["recipient"] = "Kirjaamo",
        ["sentAt"] = "2026-11-16T09:30:00+00:00",
        ["attachments"] = "2",
    };

    /// <summary>The office's texts as reference data seeds them (type and step names in three languages).</summary>
    private static readonly List<BackOffice.Data.Domain.CertificateTypes.CertificateType> Types = ReferenceData.CertificateTypes().ToList();
    private static readonly ReferenceTexts Office = LoadOffice();
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    private static ReferenceTexts LoadOffice()
    {
        var texts = new ReferenceTexts(null!, NullLogger<ReferenceTexts>.Instance);
        texts.Load(Types, ReferenceData.StandardNotes());
        return texts;
    }

    private static RenderedMail Render(string template, string language, string? registryNumber, IReadOnlyDictionary<string, string?> model) =>
        MailRenderer.Render(template, language, registryNumber, model, Office, Helsinki);

    [Theory]
    [InlineData("en", "Copy of active external certificate")]
    [InlineData("sv", "Kopia av giltigt externt certifikat")]
    [InlineData("fi", "Kopio voimassa olevasta ulkoisesta todistuksesta")]
    public void Render_StepApproved_NamesTheStepInTheReadersLanguage(string language, string step)
    {
        var template = Types.Single(t => t.Code == ReferenceData.ExternalFgasCertificate).StepTemplates.Single();
        var model = new Dictionary<string, string?>(Model) { ["step"] = template.Name, ["stepTemplate"] = template.Id.ToString() };

        var mail = Render(MailTemplate.StepApproved, language, RegistryNumber, model);

        Assert.Contains(step, mail.Text);
    }

    [Fact]
    public void Render_TimesAreInTheOfficesZone_NotHelsinkiByDefault()
    {
        var stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        var mail = MailRenderer.Render(MailTemplate.SecureMessageLink, "fi", RegistryNumber, Model, Office, stockholm);
        Assert.Contains("16.11.2026 11.00", mail.Text);
    }

    /// <summary>The secure messages' mails go to a sender who may have no application and whose name the office does not know.</summary>
    private static readonly string[] SecureMessageTemplates = [MailTemplate.SecureMessageLink, MailTemplate.SecureMessageReceipt, MailTemplate.SecureMessageReply];

    public static TheoryData<string, string> TemplatesAndLanguages() => Combinations(Templates().Except(SecureMessageTemplates));

    public static TheoryData<string, string> SecureMessageTemplatesAndLanguages() => Combinations(SecureMessageTemplates);

    private static TheoryData<string, string> Combinations(IEnumerable<string> templates)
    {
        var data = new TheoryData<string, string>();
        foreach (var template in templates)
            foreach (var language in new[] { "en", "sv", "fi" })
                data.Add(template, language);
        return data;
    }

    private static IEnumerable<string> Templates() => typeof(MailTemplate).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!);

    /// <summary>The list a System administrator's outbox masks in errors (MailPrivacy) names every template.</summary>
    [Fact]
    public void All_ListsEveryTemplate() => Assert.Equal(Templates().Order(), MailTemplate.All.Order());

    [Theory]
    [MemberData(nameof(TemplatesAndLanguages))]
    public void Render_FillsEveryPlaceholder_WithTheRegistryNumberInTheSubject(string template, string language)
    {
        var mail = Render(template, language, MailTemplate.ToStaff.Contains(template) ? null : RegistryNumber, Model);

        // Mail to the office's own staff is about no application.
        if (MailTemplate.ToStaff.Contains(template)) Assert.DoesNotContain(RegistryNumber, mail.Subject + mail.Text);
        else Assert.Contains(RegistryNumber, mail.Subject);
        Assert.DoesNotContain("{", mail.Subject + mail.Text + mail.Html);
        Assert.Contains("Eero <b>Mäkinen</b>", mail.Text);
        Assert.Contains("Eero &lt;b&gt;Mäkinen&lt;/b&gt;", mail.Html);
        Assert.Contains($"<html lang=\"{language}\">", mail.Html);
        Assert.DoesNotContain("<script>", mail.Html);
    }

    [Theory]
    [InlineData(MailTemplate.StepNotApproved)]
    [InlineData(MailTemplate.ApplicationRefused)]
    public void Render_ShowsTheReason_EncodedInHtml_WithItsLineBreaks(string template)
    {
        var mail = Render(template, "en", RegistryNumber, Model);

        Assert.Contains("The scan is unreadable <script>alert(1)</script>\nPlease scan again.", mail.Text);
        Assert.Contains("The scan is unreadable &lt;script&gt;alert(1)&lt;/script&gt;<br>\nPlease scan again.", mail.Html);
    }

    [Fact]
    public void Render_StepNotApproved_TellsWhatToDoNext()
    {
        var mail = Render(MailTemplate.StepNotApproved, "fi", RegistryNumber, Model);

        Assert.Equal($"Hakemus {RegistryNumber}: asiakirjaa ei hyväksytty – toimenpiteitä tarvitaan", mail.Subject);
        Assert.Contains("Mitä sinun tulee tehdä seuraavaksi: korjaa asiakirja", mail.Text);
        Assert.Contains("vaiheeseen ”Copy of passport”", mail.Text);
    }

    [Fact]
    public void Render_RevocationRequested_SaysWhenItIsSent_InFinnishTime_AndTheRevokedMailWhenItWasRevoked()
    {
        var requested = Render(MailTemplate.RevocationRequested, "sv", RegistryNumber, Model);
        Assert.Contains("skickas till certifikatutfärdaren 2026-11-03 09:30", requested.Text);
        var revoked = Render(MailTemplate.CertificateRevoked, "fi", RegistryNumber, Model);
        Assert.Contains("suljettiin 3.11.2026 9.31", revoked.Text);
    }

    [Fact]
    public void Render_SecureMessageLink_IsALink_AndTheExpiryIsInFinnishTime()
    {
        var mail = Render(MailTemplate.SecureMessageLink, "fi", null, Model);

        Assert.Contains("<a href=\"https://portal.example/messages/abc?x=1&amp;y=2\">", mail.Html);
        Assert.Contains("toimii 16.11.2026 12.00 asti", mail.Text);
    }

    [Fact]
    public void Render_StaffInvitation_LinksToSetThePassword_UntilItsExpiryInFinnishTime()
    {
        var model = new Dictionary<string, string?> { ["name"] = "Pekka Nieminen", ["link"] = "https://backoffice.example/Account/SetPassword?token=abc", ["expiresAt"] = "2026-11-16T10:00:00Z" };
        var mail = Render(MailTemplate.StaffInvitation, "fi", null, model);

        Assert.Equal("BackOffice: aseta henkilöstötunnuksesi salasana", mail.Subject);
        Assert.Contains("<a href=\"https://backoffice.example/Account/SetPassword?token=abc\">", mail.Html);
        Assert.Contains("16.11.2026 12.00 asti", mail.Text);
        Assert.DoesNotContain("diaarinumero", mail.Text);
    }

    [Theory]
    [MemberData(nameof(SecureMessageTemplatesAndLanguages))]
    public void Render_SecureMessageMails_FillEveryPlaceholder_WithoutAName_OrARegistryNumberToQuote(string template, string language)
    {
        var mail = Render(template, language, null, Model);

        Assert.DoesNotContain("{", mail.Subject + mail.Text + mail.Html);
        Assert.DoesNotContain("Mäkinen", mail.Text);
        if (template == MailTemplate.SecureMessageReceipt) Assert.DoesNotContain("https://", mail.Text);
        else Assert.Contains("https://portal.example/messages/abc", mail.Text);
        if (template != MailTemplate.SecureMessageLink) Assert.Contains("SM-2026-000042", mail.Subject);
        Assert.Contains($"<html lang=\"{language}\">", mail.Html);
    }

    [Fact]
    public void Render_ASealedLink_IsOpenedOnlyWhenTheMailIsMade()
    {
        var provider = Microsoft.AspNetCore.DataProtection.DataProtectionProvider.Create("tests");
        var seal = new MailSeal(provider);
        var message = OutboxMessage.Create(MailTemplate.SecureMessageLink, "anna@example.fi", "en", null,
            new Dictionary<string, string?> { ["link"] = seal.Seal("https://office.example/Secure/Verify?token=secret"), ["expiresAt"] = "2026-11-16T10:00:00+00:00" },
            DateTimeOffset.UtcNow);

        Assert.DoesNotContain("token=secret", message.Model);
        var time = new OfficeTime(Microsoft.Extensions.Options.Options.Create(new OfficeOptions()));
        var mime = new MailRenderer(Microsoft.Extensions.Options.Options.Create(new SmtpOptions()), Office, time, seal).Render(message);
        Assert.Contains("https://office.example/Secure/Verify?token=secret", mime.TextBody);
        var otherKeys = new MailRenderer(Microsoft.Extensions.Options.Options.Create(new SmtpOptions()), Office, time,
            new MailSeal(Microsoft.AspNetCore.DataProtection.DataProtectionProvider.Create("elsewhere")));
        Assert.Throws<MailTemplateException>(() => otherKeys.Render(message));
    }

    [Theory]
    [InlineData("en", "Valid until: 02/11/2031", "Citizen certificate")]
    [InlineData("fi", "Voimassa: 2.11.2031 asti", "Kansalaisvarmenne")]
    public void Render_CertificateIssued_ShowsDatesAndTypeInTheReadersLanguage(string language, string validUntil, string type)
    {
        var mail = Render(MailTemplate.CertificateIssued, language, RegistryNumber, Model);

        Assert.Contains(validUntil, mail.Text);
        Assert.Contains(type, mail.Text);
    }

    [Fact]
    public void Render_WithoutAValueTheTemplateNeeds_Throws()
    {
        var model = new Dictionary<string, string?>(Model);
        model.Remove("reason");

        var e = Assert.Throws<MailTemplateException>(() => Render(MailTemplate.ApplicationRefused, "sv", RegistryNumber, model));

        Assert.Contains("'reason'", e.Message);
    }
}
