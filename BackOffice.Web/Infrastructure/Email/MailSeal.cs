using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace BackOffice.Web.Infrastructure.Email;

/// <summary>
/// A value of an outbox row that must not be usable by anyone who reads the database (a secure message's one-time link): kept
/// protected with the app's data-protection keys (docs/operations.md: shared by every node) and opened only when the mail is
/// rendered for sending. A value that cannot be opened (the keys lost) fails the mail at once.
/// </summary>
public sealed class MailSeal(IDataProtectionProvider provider)
{
    public const string Prefix = "sealed:";
    private readonly IDataProtector _protector = provider.CreateProtector("BackOffice.Outbox.SealedValue");

    public string Seal(string value) => Prefix + _protector.Protect(value);

    public static bool IsSealed(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The model with every sealed value opened.</summary>
    public IReadOnlyDictionary<string, string?> Open(IReadOnlyDictionary<string, string?> model)
    {
        if (!model.Values.Any(IsSealed)) return model;
        var opened = new Dictionary<string, string?>(model);
        foreach (var (key, value) in model)
        {
            if (!IsSealed(value)) continue;
            try
            {
                opened[key] = _protector.Unprotect(value![Prefix.Length..]);
            }
            catch (CryptographicException)
            {
                throw new MailTemplateException($"The sealed '{key}' value cannot be opened with this installation's data-protection keys.");
            }
        }
        return opened;
    }
}
