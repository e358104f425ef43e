namespace BackOffice.Data.Domain.Applications;

public enum DecisionKind { Issued, Refused, Cancelled }

/// <summary>A decision on an application; the customer acknowledges it in the portal.</summary>
public class Decision
{
    private Decision() { }

    internal Decision(Guid applicationId, DecisionKind kind, string? reason, Actor by, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        Kind = kind;
        Reason = reason;
        DecidedById = by.UserId;
        DecidedByName = by.Name;
        DecidedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public DecisionKind Kind { get; private set; }
    public string? Reason { get; private set; }
    public Guid? DecidedById { get; private set; }
    public string DecidedByName { get; private set; } = "";
    public DateTimeOffset DecidedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    internal void Acknowledge(DateTimeOffset at) => AcknowledgedAt ??= at;
}
