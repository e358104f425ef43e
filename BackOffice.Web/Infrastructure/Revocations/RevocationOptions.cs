namespace BackOffice.Web.Infrastructure.Revocations;

/// <summary>The <c>Revocation</c> configuration section (docs/revocation.md).</summary>
public sealed class RevocationOptions
{
    /// <summary>The two-person rule: a request waits until a second Administrator, not the requester, approves it.</summary>
    public bool RequireSecondApproval { get; set; }
    /// <summary>Whether this instance runs the background sender (tests switch it off and call the sender themselves).</summary>
    public bool SenderEnabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>At most this many requests per batch; each is claimed, sent and committed on its own.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>The wait after the first failed attempt; it doubles after each further one, up to <see cref="RetryLongestWait"/>. A request is never given up.</summary>
    public TimeSpan RetryFirstWait { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan RetryLongestWait { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long one call to the authority may take before it counts as failed.</summary>
    public TimeSpan AuthorityTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>A pending request whose 24-hour limit is this near shows "Due soon" on the dashboard (before it is overdue).</summary>
    public TimeSpan DueSoonWithin { get; set; } = TimeSpan.FromHours(4);
    /// <summary>The name the history and the event log give the authority ("revoked by …").</summary>
    public string AuthorityName { get; set; } = "Certificate authority";
    /// <summary>The caller name of the authority's key in <c>Intake:ApiKeys</c>: that key reads the revoked-certificates feed (and nothing else).</summary>
    public string? AuthorityApiKeyName { get; set; }
}
