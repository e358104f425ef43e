using System.Security.Cryptography;
using System.Text;

namespace BackOffice.Data.Domain.Staff;

/// <summary>
/// A one-time link that lets a staff member set their password: sent by e-mail when they are invited (or given a new link),
/// good until it expires, used once. Only the SHA-256 of the link's token is kept; a newer link replaces the older ones.
/// </summary>
public class StaffInvitation
{
    private StaffInvitation() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    /// <summary>PostgreSQL's xmin: two uses of the same link at once cannot both succeed.</summary>
    public uint Version { get; private set; }

    /// <summary>A new link for the user; the token (to put in the link) exists only in what this returns.</summary>
    public static (StaffInvitation Invitation, string Token) Issue(Guid userId, DateTimeOffset at, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime));
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new StaffInvitation
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            TokenHash = HashOf(token),
            CreatedAt = at,
            ExpiresAt = at + lifetime,
        }, token);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Why the link cannot be used now, or null when it can.</summary>
    public string? Refusal(DateTimeOffset at) =>
        UsedAt is not null ? ErrorCodes.InvitationUsed
        : RevokedAt is not null ? ErrorCodes.InvitationReplaced
        : at >= ExpiresAt ? ErrorCodes.InvitationExpired
        : null;

    public void Use(DateTimeOffset at)
    {
        if (Refusal(at) is { } code) throw new DomainException(code, "This set-password link cannot be used.");
        UsedAt = at;
    }

    public void Revoke(DateTimeOffset at)
    {
        if (UsedAt is null && RevokedAt is null) RevokedAt = at;
    }
}
