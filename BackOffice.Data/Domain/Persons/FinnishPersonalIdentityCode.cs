using System.Globalization;

namespace BackOffice.Data.Domain.Persons;

/// <summary>The Finnish personal identity code (henkilötunnus): DDMMYY, century sign, individual number, check character.</summary>
public static class FinnishPersonalIdentityCode
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private const string Century1800 = "+";
    private const string Century1900 = "-YXWVU";
    private const string Century2000 = "ABCDEF";

    public static bool IsValid(string? code) => TryParse(code, out _);

    public static bool TryParse(string? code, out DateOnly dateOfBirth)
    {
        dateOfBirth = default;
        if (code is null) return false;
        code = code.Trim().ToUpperInvariant();
        if (code.Length != 11) return false;
        var sign = code[6].ToString();
        int century = Century1800.Contains(sign) ? 1800 : Century1900.Contains(sign) ? 1900 : Century2000.Contains(sign) ? 2000 : -1;
        if (century < 0) return false;
        var digits = code[..6] + code[7..10];
        if (!digits.All(char.IsAsciiDigit)) return false;
        var year = century + int.Parse(code[4..6], CultureInfo.InvariantCulture);
        var month = int.Parse(code[2..4], CultureInfo.InvariantCulture);
        var day = int.Parse(code[..2], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var individual = int.Parse(code[7..10], CultureInfo.InvariantCulture);
        if (individual < 2) return false;
        var check = CheckCharacters[(int)(long.Parse(digits, CultureInfo.InvariantCulture) % 31)];
        if (check != code[10]) return false;
        dateOfBirth = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>Builds a valid code (used by the demo data and by tests).</summary>
    public static string Create(DateOnly dateOfBirth, int individualNumber)
    {
        if (individualNumber is < 2 or > 899) throw new ArgumentOutOfRangeException(nameof(individualNumber));
        var sign = dateOfBirth.Year switch { >= 2000 => 'A', >= 1900 => '-', _ => '+' };
        var date = dateOfBirth.ToString("ddMMyy", CultureInfo.InvariantCulture);
        var ind = individualNumber.ToString("000", CultureInfo.InvariantCulture);
        var check = CheckCharacters[(int)(long.Parse(date + ind, CultureInfo.InvariantCulture) % 31)];
        return $"{date}{sign}{ind}{check}";
    }
}
