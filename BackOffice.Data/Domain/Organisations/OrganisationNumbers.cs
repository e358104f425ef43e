using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOffice.Data.Domain.Organisations;

/// <summary>
/// Organisation numbers as each country's register writes them, checked where the number has a check digit: the Finnish
/// business ID (Y-tunnus, <c>0245437-2</c>), the Swedish organisation number (<c>556123-4567</c>, Luhn) and the Greek tax
/// number (ΑΦΜ, nine digits). A number of another country is kept as typed (trimmed), since no rule is known for it.
/// </summary>
public static partial class OrganisationNumbers
{
    public const int MaxLength = 40;

    /// <summary>The countries whose numbers are checked; any other is "another country" (null).</summary>
    public static readonly IReadOnlyList<string> CheckedCountries = ["FI", "SE", "GR"];

    private static readonly int[] BusinessIdWeights = [7, 9, 10, 5, 8, 4, 2];

    /// <summary>FI, SE or GR (any case), or null for another country.</summary>
    public static string? CountryCode(string? country) =>
        country?.Trim().ToUpperInvariant() is { } c && CheckedCountries.Contains(c) ? c : null;

    /// <summary>The number in its register's form, or a <see cref="DomainException"/> saying what is wrong with it.</summary>
    public static string Normalise(string? country, string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) throw new DomainException(ErrorCodes.OrganisationNumberRequired, "An organisation needs an organisation number.");
        var typed = number.Trim();
        if (typed.Length > MaxLength) throw new DomainException(ErrorCodes.FieldTooLong, "The organisation number is too long.");
        var compact = typed.Replace(" ", "");
        switch (CountryCode(country))
        {
            case "FI":
                // 1234567-1 or 12345671; an old business ID of six digits (123456-7) is written today with a leading zero.
                if (FinnishId().IsMatch(compact)) compact = compact.Replace("-", "");
                else if (OldFinnishId().IsMatch(compact)) compact = "0" + compact.Replace("-", "");
                else throw new DomainException(ErrorCodes.BusinessIdFormat, "A Finnish business ID is seven digits, a hyphen and a check digit.");
                if (BusinessIdCheckDigit(compact[..7]) != compact[7] - '0')
                    throw new DomainException(ErrorCodes.BusinessIdCheckDigit, "The check digit of the business ID is wrong.");
                return $"{compact[..7]}-{compact[7]}";
            case "SE":
                if (!SwedishNumber().IsMatch(compact))
                    throw new DomainException(ErrorCodes.SwedishNumberFormat, "A Swedish organisation number is ten digits.");
                compact = compact.Replace("-", "");
                if (!LuhnValid(compact))
                    throw new DomainException(ErrorCodes.SwedishNumberCheckDigit, "The check digit of the organisation number is wrong.");
                return $"{compact[..6]}-{compact[6..]}";
            case "GR":
                if (!GreekNumber().IsMatch(compact))
                    throw new DomainException(ErrorCodes.GreekNumberFormat, "A Greek tax number is nine digits.");
                if (GreekCheckDigit(compact[..8]) != compact[8] - '0')
                    throw new DomainException(ErrorCodes.GreekNumberCheckDigit, "The check digit of the tax number is wrong.");
                return compact;
            default:
                return typed;
        }
    }

    public static bool IsValid(string? country, string? number)
    {
        try
        {
            Normalise(country, number);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    /// <summary>The check digit of the seven digits of a Finnish business ID, or -1 when no digit can make them valid (remainder 1).</summary>
    public static int BusinessIdCheckDigit(string sevenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 7; i++) sum += (sevenDigits[i] - '0') * BusinessIdWeights[i];
        return (sum % 11) switch { 0 => 0, 1 => -1, var r => 11 - r };
    }

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[i] - '0';
            // From the right, every second digit counts double (its digits summed).
            if (i % 2 == digits.Length % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static int GreekCheckDigit(string eightDigits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (eightDigits[i] - '0') << (8 - i);
        return sum % 11 % 10;
    }

    /// <summary>The first valid Finnish business ID whose seven digits are <paramref name="number"/> or above (for demo data and tests).</summary>
    public static string BusinessId(int number)
    {
        for (var n = number; ; n++)
        {
            var seven = (n % 10_000_000).ToString("0000000", CultureInfo.InvariantCulture);
            if (BusinessIdCheckDigit(seven) is var check and >= 0) return $"{seven}-{check}";
        }
    }

    [GeneratedRegex(@"^[0-9]{7}-?[0-9]$")]
    private static partial Regex FinnishId();

    [GeneratedRegex(@"^[0-9]{6}-[0-9]$")]
    private static partial Regex OldFinnishId();

    [GeneratedRegex(@"^[0-9]{6}-?[0-9]{4}$")]
    private static partial Regex SwedishNumber();

    [GeneratedRegex(@"^[0-9]{9}$")]
    private static partial Regex GreekNumber();
}
