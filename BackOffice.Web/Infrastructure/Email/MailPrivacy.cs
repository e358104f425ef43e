using System.Text.RegularExpressions;
using BackOffice.Data.Domain.Outbox;

namespace BackOffice.Web.Infrastructure.Email;

/// <summary>
/// What of a message someone who runs the mail (a System administrator) may read: the recipient's domain, and the
/// error with every address and template name masked, so neither who was written to nor what about is shown.
/// </summary>
public static partial class MailPrivacy
{
    public const string Masked = "…";

    /// <summary>"…@example.fi" for "matti.meikalainen@example.fi".</summary>
    public static string Domain(string address) =>
        address.LastIndexOf('@') is var at and >= 0 ? Masked + address[at..] : Masked;

    /// <summary>The error as the mail server or the renderer wrote it, with addresses as <see cref="Domain"/> and template names as "…".</summary>
    public static string? MaskedError(string? error)
    {
        if (string.IsNullOrEmpty(error)) return error;
        var masked = Address().Replace(error, m => Masked + "@" + m.Groups["domain"].Value);
        // A broken template's error names the template, and a template names a case's outcome ("application-refused").
        foreach (var template in MailTemplate.All) masked = masked.Replace(template, Masked, StringComparison.OrdinalIgnoreCase);
        return masked;
    }

    [GeneratedRegex(@"[^\s<>()\[\]""',;:@]+@(?<domain>\w(?:[\w.-]*\w)?)?")]
    private static partial Regex Address();
}
