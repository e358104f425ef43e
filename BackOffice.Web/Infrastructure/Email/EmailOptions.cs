using MailKit.Security;

namespace BackOffice.Web.Infrastructure.Email;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>The <c>Smtp</c> configuration section: where mail goes and as whom.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "BackOffice <no-reply@backoffice.test>";
    /// <summary>Bounds each connect and command, so a hung server cannot hold a claimed row for long.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    internal SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}

/// <summary>The <c>Outbox</c> configuration section: how the background sender polls and retries.</summary>
public sealed class OutboxOptions
{
    /// <summary>Whether this instance runs the background sender (tests switch it off and call the sender directly).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>At most this many messages per batch; each is claimed, sent and committed on its own.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>After this many failed attempts a message is marked failed and waits for a System administrator.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The wait after the first failure; it doubles after each further one (1, 2, 4 … minutes).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// How long an instance holds a message it is sending (several instances, issue 17): longer than a send can take (the
    /// connect and the send are each bounded by <c>Smtp:Timeout</c>); a message whose sender crashed is sent again after it.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}
