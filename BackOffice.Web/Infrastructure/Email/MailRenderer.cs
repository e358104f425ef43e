using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackOffice.Web.Infrastructure.Email;

/// <summary>A template or its values are wrong: retrying cannot help, so the message is marked failed at once.</summary>
public sealed class MailTemplateException(string message) : Exception(message);

public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// Turns an outbox row into the e-mail: texts from <c>Resources/EmailResource.{en,sv,fi}.resx</c> in the recipient's
/// language, <c>{key}</c> placeholders filled from the row's model, plain text and HTML (values HTML-encoded).
/// </summary>
public sealed partial class MailRenderer(IOptions<SmtpOptions> smtp, ReferenceTexts office, OfficeTime time, MailSeal? seal = null)
{
    private static readonly ResourceManager Texts = new("BackOffice.Web.Resources.EmailResource", typeof(MailRenderer).Assembly);

    /// <summary>Call before <see cref="Render(OutboxMessage)"/>: the office's texts (type and step names) fresh from the database.</summary>
    public Task PrepareAsync(CancellationToken ct) => office.EnsureFreshAsync(ct);

    public MimeMessage Render(OutboxMessage message)
    {
        var model = message.ModelValues();
        var mail = Render(message.Template, message.Language, message.RegistryNumber, seal?.Open(model) ?? model, office, time.Zone);
        var mime = new MimeMessage
        {
            // Fixed per row: a resend after an unclear failure is the same mail, which clients and servers de-duplicate.
            MessageId = message.MessageId,
            Date = message.CreatedAt,
            Subject = mail.Subject,
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        mime.From.Add(MailboxAddress.Parse(smtp.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Headers.Add(HeaderId.ContentLanguage, message.Language);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }

    /// <summary>The mail in <paramref name="language"/>: type and step names from the office's texts, times in the office's zone.</summary>
    public static RenderedMail Render(string template, string language, string? registryNumber, IReadOnlyDictionary<string, string?> model,
        ReferenceTexts office, TimeZoneInfo zone)
    {
        var culture = CultureInfo.GetCultureInfo(LocalizationSetup.Languages.TryGetValue(language, out var c) ? c : "en-GB");
        var ui = CultureInfo.GetCultureInfo(LocalizationSetup.Languages.ContainsKey(language) ? language : "en");
        var values = new Dictionary<string, string?>(model);
        if (registryNumber is not null) values.TryAdd("registryNumber", registryNumber);
        string Text(string key) => Texts.GetString(key, ui) ?? throw new MailTemplateException($"No e-mail text '{key}'.");
        string Value(string key)
        {
            if (!values.TryGetValue(key, out var value)) throw new MailTemplateException($"The '{key}' value of the '{template}' mail is missing.");
            return Format(key, (value ?? "").ReplaceLineEndings("\n"), culture, ui, values, office, zone);
        }

        var subject = Fill(Text(template + ".Subject"), Value, encode: false);
        // A template may have its own greeting and footer (a secure message's sender has no name and maybe no application;
        // a mail to staff names no registry number).
        string TextOr(string key, string fallback) => Texts.GetString(key, ui) ?? Text(fallback);
        string[] paragraphs = [TextOr(template + ".Greeting", "Greeting"), .. Text(template + ".Body").Split("\n\n"), TextOr(template + ".Footer", "Footer")];
        var text = string.Join("\n\n", paragraphs.Select(p => Fill(p, Value, encode: false)));
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{ui.Name}\">\n<head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head>\n<body>\n");
        foreach (var p in paragraphs) html.Append("<p>").Append(Fill(p, Value, encode: true).Replace("\n", "<br>\n")).Append("</p>\n");
        html.Append("</body>\n</html>\n");
        return new RenderedMail(subject, text, html.ToString());
    }

    private static string Fill(string text, Func<string, string> value, bool encode)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match m in Placeholder().Matches(text))
        {
            var literal = text[at..m.Index];
            result.Append(encode ? Encode(literal) : literal);
            var v = value(m.Groups[1].Value);
            result.Append(!encode ? v : m.Groups[1].Value == "link" && IsWebLink(v)
                ? $"<a href=\"{Encode(v)}\">{Encode(v)}</a>"
                : Encode(v));
            at = m.Index + m.Length;
        }
        var rest = text[at..];
        return result.Append(encode ? Encode(rest) : rest).ToString();
    }

    // Escapes markup but keeps å, ä, ö readable in the source of the mail.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static string Encode(string s) => string.Join('\n', s.Split('\n').Select(Html.Encode));

    private static bool IsWebLink(string v) => Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "https" or "http";

    /// <summary>Dates in the reader's culture (with a time, in the office's zone), type codes and steps by their names in the
    /// reader's language.</summary>
    private static string Format(string key, string value, CultureInfo culture, CultureInfo ui, IReadOnlyDictionary<string, string?> values,
        ReferenceTexts office, TimeZoneInfo zone)
    {
        if (key == "certificateType") return office.TypeName(value, ui.TwoLetterISOLanguageName) ?? value;
        if (key == "step" && values.TryGetValue("stepTemplate", out var template) && Guid.TryParse(template, out var templateId))
            return office.StepName(templateId, ui.TwoLetterISOLanguageName) ?? value;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToString("d", culture);
        if (value.Length > 10 && value[10] == 'T' && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return TimeZoneInfo.ConvertTime(time, zone).ToString("g", culture);
        return value;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
