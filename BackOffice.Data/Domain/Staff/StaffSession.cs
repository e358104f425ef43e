namespace BackOffice.Data.Domain.Staff;

/// <summary>
/// A signed-in session, kept on the server: the cookie carries only its key (whose SHA-256 is <see cref="KeyHash"/>), so
/// signing out, disabling an account or ending one's other sessions removes the row and the cookie stops working at its
/// next request, on every instance of the app.
/// </summary>
public class StaffSession
{
    private StaffSession() { }

    public StaffSession(string keyHash, Guid userId, byte[] ticket, DateTimeOffset at, DateTimeOffset expiresAt, string? method, string? userAgent)
    {
        KeyHash = keyHash;
        UserId = userId;
        Ticket = ticket;
        CreatedAt = at;
        RenewedAt = at;
        ExpiresAt = expiresAt;
        Method = method;
        UserAgent = userAgent is { Length: > MaxUserAgent } ? userAgent[..MaxUserAgent] : userAgent;
    }

    public const int MaxUserAgent = 300;

    public string KeyHash { get; private set; } = "";
    public Guid UserId { get; private set; }
    /// <summary>The authentication ticket (claims and properties), serialised.</summary>
    public byte[] Ticket { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset RenewedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    /// <summary>How the session was opened: password, authenticator, recovery-code, passkey.</summary>
    public string? Method { get; private set; }
    public string? UserAgent { get; private set; }

    public void Renew(byte[] ticket, DateTimeOffset at, DateTimeOffset expiresAt)
    {
        Ticket = ticket;
        RenewedAt = at;
        ExpiresAt = expiresAt;
    }
}
