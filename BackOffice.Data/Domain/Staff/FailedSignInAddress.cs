namespace BackOffice.Data.Domain.Staff;

/// <summary>
/// Failed sign-ins with an address that has no account, counted as Identity counts them for a real one, so the lockout
/// message is the same for both and reveals no accounts. Keyed by the SHA-256 of the normalised address, not the address.
/// </summary>
public class FailedSignInAddress
{
    private FailedSignInAddress() { }

    public FailedSignInAddress(string addressHash) => AddressHash = addressHash;

    public string AddressHash { get; private set; } = "";
    public int FailedCount { get; private set; }
    public DateTimeOffset? LockoutEnd { get; private set; }
    public DateTimeOffset LastFailureAt { get; private set; }

    /// <summary>
    /// How long a row is kept after its last failure: the table holds what someone typed, so it must not grow for ever; a month
    /// is far longer than any lockout, so a count that matters is never forgotten while it matters.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    public bool IsLockedOut(DateTimeOffset at) => LockoutEnd >= at;

    /// <summary>One more failure; the <paramref name="maxFailures"/>th locks the address for <paramref name="lockout"/> and starts the count again.</summary>
    public void RecordFailure(DateTimeOffset at, int maxFailures, TimeSpan lockout)
    {
        LastFailureAt = at;
        if (++FailedCount < maxFailures) return;
        LockoutEnd = at + lockout;
        FailedCount = 0;
    }
}
