using System.Security.Cryptography;
using System.Xml.Linq;
using BackOffice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>
/// <c>DataProtection:KeyFile</c> (or <c>DataProtection:Key</c>): a 256-bit key, base64, that encrypts the data-protection
/// keys kept in PostgreSQL; <c>DataProtection:KeyId</c> names it, and <c>DataProtection:OldKeys:&lt;id&gt;</c> (base64)
/// keep earlier ones readable after a rotation.
/// </summary>
public sealed class DataProtectionKeyOptions
{
    public string? KeyFile { get; set; }
    public string? Key { get; set; }
    public string KeyId { get; set; } = "k1";
    public Dictionary<string, string> OldKeys { get; set; } = [];
}

/// <summary>
/// Sign-in cookies and antiforgery tokens made by one instance are read by every other: the data-protection keys live
/// in PostgreSQL (table <c>data_protection_keys</c>) under one application name, and each key's XML is encrypted with
/// AES-256-GCM under a key from configuration, which the database does not hold — a copy of the database alone forges
/// nothing. Outside Development and Testing the app refuses to start without that key (docs/operations.md).
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "BackOffice";

    public static IServiceCollection AddBackOfficeDataProtection(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.Configure<DataProtectionKeyOptions>(config.GetSection("DataProtection"));
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<BackOfficeDbContext>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            var keys = sp.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value;
            if (AesGcmXmlEncryptor.CurrentKey(keys) is not null) o.XmlEncryptor = new AesGcmXmlEncryptor(keys);
            else if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
                throw new InvalidOperationException("DataProtection:KeyFile (or DataProtection:Key) is not set: the sign-in and antiforgery keys kept in the database must be encrypted with a key it does not hold (docs/operations.md).");
        }));
        return services;
    }

    /// <summary>Before serving: a missing key (outside Development and Testing) stops the start, not the first sign-in.</summary>
    public static void RequireKey(IServiceProvider services) => _ = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
}

/// <summary>Encrypts a data-protection key's XML with AES-256-GCM; the key id travels with it so old keys stay readable.</summary>
public sealed class AesGcmXmlEncryptor(DataProtectionKeyOptions keys) : IXmlEncryptor
{
    private static readonly XName Encrypted = "encryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var key = CurrentKey(keys) ?? throw new InvalidOperationException("No DataProtection key is configured.");
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement(Encrypted, new XAttribute("keyId", keys.KeyId),
            new XElement("nonce", Convert.ToBase64String(nonce)), new XElement("tag", Convert.ToBase64String(tag)), new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }

    /// <summary>The configured key (from the file, else the value), or null; a key that is not 32 bytes is refused loudly.</summary>
    internal static byte[]? CurrentKey(DataProtectionKeyOptions keys)
    {
        var text = keys.KeyFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : keys.Key;
        return string.IsNullOrWhiteSpace(text) ? null : Decode(text, keys.KeyId);
    }

    internal static byte[] Decode(string base64, string id)
    {
        var bytes = Convert.FromBase64String(base64.Trim());
        return bytes.Length == 32 ? bytes : throw new InvalidOperationException($"The DataProtection key '{id}' must be 32 bytes (base64), not {bytes.Length}.");
    }
}

/// <summary>Made by the data-protection system for each stored key it reads (hence the service-provider constructor).</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keys = services.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value;
        var id = (string?)encryptedElement.Attribute("keyId") ?? "";
        var key = id == keys.KeyId ? AesGcmXmlEncryptor.CurrentKey(keys)
            : keys.OldKeys.TryGetValue(id, out var old) ? AesGcmXmlEncryptor.Decode(old, id) : null;
        if (key is null) throw new CryptographicException($"The data-protection keys were encrypted with key '{id}', which is not configured (DataProtection:OldKeys:{id}).");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
