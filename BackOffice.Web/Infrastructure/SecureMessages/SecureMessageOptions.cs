using System.Globalization;
using BackOffice.Data.Domain.Messages;

namespace BackOffice.Web.Infrastructure.SecureMessages;

/// <summary>The <c>SecureMessages</c> section: where links point, the attachments' limits, the recipients, retention, rate limits.</summary>
public sealed class SecureMessageOptions
{
    public const string Section = "SecureMessages";
    public const string MaxAttachmentBytesKey = "SecureMessages:MaxAttachmentBytes";
    public const string MaxAttachmentsKey = "SecureMessages:MaxAttachments";
    public const long DefaultMaxAttachmentBytes = 400L * 1024 * 1024;
    public const int DefaultMaxAttachments = 10;
    /// <summary>The document store's folder of the attachments (the retention job sweeps it).</summary>
    public const string AttachmentFolder = "messages/";

    /// <summary>
    /// The public address the mailed links start with (e.g. <c>https://office.example.fi</c>), never taken from a request's Host
    /// header, which a visitor controls. Outside Development the public pages send no link until it is set.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
    public long MaxAttachmentBytes { get; set; } = DefaultMaxAttachmentBytes;
    public int MaxAttachments { get; set; } = DefaultMaxAttachments;
    /// <summary>A handled message is purged with its files this long after it was handled.</summary>
    public int RetentionDays { get; set; } = 730;
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>The retention job runs in this instance (the tests run it themselves).</summary>
    public bool RetentionEnabled { get; set; } = true;
    /// <summary>The office and its units a sender may write to; the first is the default. Empty: <see cref="DefaultRecipients"/>.</summary>
    public List<RecipientOption> Recipients { get; set; } = [];
    public RateLimitOptions RateLimits { get; set; } = new();

    public IReadOnlyList<RecipientOption> RecipientList => Recipients.Count > 0 ? Recipients : DefaultRecipients;
    public IReadOnlyCollection<string> RecipientCodes => RecipientList.Select(r => r.Code).ToList();

    public MessageRecipient? Recipient(string? code, string language) =>
        RecipientList.FirstOrDefault(r => r.Code == code) is { } r ? new MessageRecipient(r.Code, r.NameIn(language)) : null;

    public static readonly IReadOnlyList<RecipientOption> DefaultRecipients =
    [
        new() { Code = "office", Name = new() { ["en"] = "Certificate office", ["sv"] = "Certifikatbyrån", ["fi"] = "Varmennetoimisto" } },
        new() { Code = "registry", Name = new() { ["en"] = "Registry", ["sv"] = "Registratorskontoret", ["fi"] = "Kirjaamo" } },
        new() { Code = "revocations", Name = new() { ["en"] = "Revocations", ["sv"] = "Återkallelser", ["fi"] = "Varmenteiden peruutukset" } },
    ];
}

/// <summary>A recipient: its code (kept with the message) and its name in en, sv and fi (English when one is missing).</summary>
public sealed class RecipientOption
{
    public string Code { get; set; } = "";
    public Dictionary<string, string> Name { get; set; } = [];

    public string NameIn(string language) =>
        Name.TryGetValue(language, out var n) && n.Length > 0 ? n : Name.TryGetValue("en", out var en) ? en : Code;

    public string NameNow => NameIn(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}

/// <summary>How many links and messages an address and an IP address may ask for or send per <see cref="Window"/>.</summary>
public sealed class RateLimitOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
    public int LinksPerAddress { get; set; } = 5;
    public int LinksPerIp { get; set; } = 30;
    public int MessagesPerAddress { get; set; } = 20;
    public int MessagesPerIp { get; set; } = 60;
    /// <summary>Every other request of the public pages (opening links among them) from one IP address.</summary>
    public int PagesPerIp { get; set; } = 600;
}
