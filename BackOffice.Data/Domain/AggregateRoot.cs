using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Outbox;

namespace BackOffice.Data.Domain;

/// <summary>
/// An entity whose methods record audit events and queue e-mails; the DbContext saves them
/// in the same transaction as the change itself.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<AuditEvent> _pendingAudit = [];
    private readonly List<OutboxMessage> _pendingMail = [];

    protected void Audit(AuditEvent e) => _pendingAudit.Add(e);
    protected void QueueMail(OutboxMessage m) => _pendingMail.Add(m);

    internal IReadOnlyList<AuditEvent> PendingAuditEvents => _pendingAudit;
    internal IReadOnlyList<OutboxMessage> PendingMail => _pendingMail;

    internal void ClearPending()
    {
        _pendingAudit.Clear();
        _pendingMail.Clear();
    }
}
