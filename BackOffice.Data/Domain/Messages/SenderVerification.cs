using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Outbox;

namespace BackOffice.Data.Domain.Messages;

/// <summary>
/// A sender's proof of their e-mail address (seed 004): a one-time link mailed to the address. Only the SHA-256 of the link's
/// random token is kept. The link works for <see cref="LinkLifetime"/> and once; opening it starts a session of
/// <see cref="SessionLifetime"/> in which the sender writes to the office and reads its answers.
/// </summary>
public class SenderVerification : AggregateRoot
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);
    public const int MaxReturnPathLength = 200;
    public const string EntityType = "SenderVerification";

    private SenderVerification() { }

    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    /// <summary>SHA-256 (hex) of the token in the link; the token itself is never stored.</summary>
    public string TokenHash { get; private set; } = "";
    /// <summary>The language the sender asked in: the link's mail, the receipt and the reply notices are in it.</summary>
    public string Language { get; private set; } = "en";
    /// <summary>The public page to open after the link (an answer the sender was sent to read), or null for the writing page.</summary>
    public string? ReturnPath { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? SessionEndsAt { get; private set; }
    public DateTimeOffset? SignedOutAt { get; private set; }
    /// <summary>PostgreSQL xmin: the same link opened twice at once — one opens it, the other finds it used.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// A new link for <paramref name="email"/>. <paramref name="link"/> is what the mail shows (sealed by the caller so the
    /// outbox holds no usable token); <paramref name="tokenHash"/> is what is kept to recognise it.
    /// </summary>
    public static SenderVerification Request(string email, string tokenHash, string link, string language, string? returnPath, DateTimeOffset at)
    {
        var address = SenderAddress.Normalise(email);
        if (tokenHash.Length != 64) throw new ArgumentException("A SHA-256 in hex is 64 characters.", nameof(tokenHash));
        var v = new SenderVerification
        {
            Id = Guid.NewGuid(),
            Email = address,
            TokenHash = tokenHash,
            Language = language is "en" or "sv" or "fi" ? language : "en",
            ReturnPath = returnPath is { Length: > 0 and <= MaxReturnPathLength } ? returnPath : null,
            RequestedAt = at,
            ExpiresAt = at + LinkLifetime,
        };
        v.Audit(AuditEvent.Create(at, Actor.System(address), AuditActions.SenderLinkRequested, EntityType, v.Id.ToString()));
        v.QueueMail(OutboxMessage.Create(MailTemplate.SecureMessageLink, address, v.Language, null,
            new Dictionary<string, string?> { ["link"] = link, ["expiresAt"] = v.ExpiresAt.ToString("O") }, at));
        return v;
    }

    /// <summary>Why the link cannot be opened now, or null when it can.</summary>
    public string? Refusal(DateTimeOffset at) =>
        UsedAt is not null ? ErrorCodes.SenderLinkUsed : at >= ExpiresAt ? ErrorCodes.SenderLinkExpired : null;

    /// <summary>Opens the link: usable once, before it expires; the session lasts <see cref="SessionLifetime"/> from now.</summary>
    public void Open(DateTimeOffset at)
    {
        switch (Refusal(at))
        {
            case ErrorCodes.SenderLinkUsed: throw new DomainException(ErrorCodes.SenderLinkUsed, "The link has been used already.");
            case ErrorCodes.SenderLinkExpired: throw new DomainException(ErrorCodes.SenderLinkExpired, "The link has expired.");
        }
        UsedAt = at;
        SessionEndsAt = at + SessionLifetime;
        Audit(AuditEvent.Create(at, Actor.System(Email), AuditActions.SenderVerified, EntityType, Id.ToString()));
    }

    public bool SessionOpenAt(DateTimeOffset at) => UsedAt is not null && SignedOutAt is null && at < SessionEndsAt;

    public void SignOut(DateTimeOffset at)
    {
        if (SessionOpenAt(at)) SignedOutAt = at;
    }
}
