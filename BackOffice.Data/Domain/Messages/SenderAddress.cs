using System.Net.Mail;

namespace BackOffice.Data.Domain.Messages;

/// <summary>
/// A sender's e-mail address as the secure messages keep and compare it: trimmed, lower-case, one plain
/// <c>local@domain.tld</c> (no display name, no quotes, no spaces), at most 254 characters — what every mail server takes.
/// </summary>
public static class SenderAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalise(string? value, out string address)
    {
        address = (value ?? "").Trim().ToLowerInvariant();
        if (address.Length is 0 or > MaxLength) return false;
        foreach (var c in address)
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '[' or ']')
                return false;
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at > 64) return false;
        var domain = address[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..")) return false;
        return MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && parsed.DisplayName.Length == 0;
    }

    /// <summary>The normalised address; throws <see cref="DomainException"/> when it is not one.</summary>
    public static string Normalise(string? value) =>
        TryNormalise(value, out var address) ? address
            : throw new DomainException(ErrorCodes.SenderAddressInvalid, "Enter an e-mail address such as name@example.fi.");
}
