using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOffice.Web.Infrastructure.Localization;

/// <summary>Codes people should read as names, in the reader's language (from the platform's ICU data): a country code
/// (GR → Greece / Grekland / Kreikka) and a language code (fi → Finnish / finska / suomi). An unknown code stays a code.</summary>
public static partial class Names
{
    public static string Country(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || !TwoLetters().IsMatch(code)) return code ?? "";
        try
        {
            // ICU names a region only inside a culture's name ("English (Greece)"), in the UI culture's language.
            var name = CultureInfo.GetCultureInfo("en-" + code.ToUpperInvariant()).DisplayName;
            var region = Parenthesised().Match(name);
            return region.Success && !region.Groups[1].Value.Equals(code, StringComparison.OrdinalIgnoreCase) ? region.Groups[1].Value : code;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    public static string Language(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || !TwoLetters().IsMatch(code)) return code ?? "";
        try
        {
            var culture = CultureInfo.GetCultureInfo(code.ToLowerInvariant());
            return culture.ThreeLetterISOLanguageName == "" || culture.DisplayName.StartsWith("Unknown", StringComparison.Ordinal) ? code : culture.DisplayName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex TwoLetters();

    [GeneratedRegex(@"\(([^()]+)\)\s*$")]
    private static partial Regex Parenthesised();
}
