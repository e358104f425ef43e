using BackOffice.Data.Domain;

namespace BackOffice.Web.Pages.Admin.CertificateTypes;

/// <summary>Model of _Texts.cshtml: one text's three language fields, their form names and what they hold now.</summary>
public sealed record TextFields(string Legend, string Prefix, string IdPrefix, string? En, string? Sv, string? Fi, bool Multiline, int MaxLength)
{
    /// <summary>Whether the English text must be given (a name must; instructions may be left out).</summary>
    public bool EnglishRequired { get; init; } = true;

    public bool HasEnglish => !string.IsNullOrWhiteSpace(En);

    public static TextFields Of(string legend, string prefix, string idPrefix, LocalizedText text, bool multiline, int maxLength) =>
        new(legend, prefix, idPrefix, text.En, text.Sv, text.Fi, multiline, maxLength) { EnglishRequired = !multiline };
}
