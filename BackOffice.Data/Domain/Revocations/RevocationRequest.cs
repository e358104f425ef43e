using System.Globalization;
using System.Linq.Expressions;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Outbox;

namespace BackOffice.Data.Domain.Revocations;

/// <summary>RFC 5280 CRLReason codes (7 is unused by the RFC).</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    CaCompromise = 2,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
    CertificateHold = 6,
    RemoveFromCrl = 8,
    PrivilegeWithdrawn = 9,
    AaCompromise = 10,
}

public static class RevocationReasons
{
    /// <summary>The reasons a registration office may ask for; the others (CA compromise, hold, remove from CRL, AA compromise) are the authority's own.</summary>
    public static readonly IReadOnlyList<RevocationReason> Requestable =
    [
        RevocationReason.Unspecified, RevocationReason.KeyCompromise, RevocationReason.AffiliationChanged,
        RevocationReason.Superseded, RevocationReason.CessationOfOperation, RevocationReason.PrivilegeWithdrawn,
    ];

    public static bool IsRequestable(RevocationReason reason) => Requestable.Contains(reason);

    /// <summary>The RFC 5280 code as a number ("1" for keyCompromise), for feeds and audit details.</summary>
    public static string Code(this RevocationReason reason) => ((int)reason).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where a request is in its life, as stored (the worker claims <see cref="Pending"/> rows whose send time has come).</summary>
public enum RevocationState { AwaitingApproval, Pending, Revoked, Withdrawn }

/// <summary>How a request stands at a moment, as lists show and filter it: a pending request is scheduled before its send time, sending after.</summary>
public enum RevocationPhase { AwaitingApproval, Scheduled, Sending, Revoked, Withdrawn }

/// <summary>Where a request stands against the 24-hour limit (the dashboard's colour and the reports' count).</summary>
/// <remarks><see cref="DueSoon"/>: pending, its limit within the office's warning window (<c>Revocation:DueSoonWithin</c>, 4 h by default).</remarks>
public enum RevocationLimit { NotStarted, Running, DueSoon, Overdue, RevokedInTime, RevokedLate, None }

/// <summary>Why an attempt to reach the authority failed, as kept (the pages say it in the reader's language, <c>Revocation.Failure.*</c>).</summary>
public enum RevocationFailure
{
    /// <summary>No answer within <c>Revocation:AuthorityTimeout</c>.</summary>
    NoAnswer,
    /// <summary>The authority could not be reached, or refused the request; its own answer is kept in <see cref="RevocationRequest.LastError"/>.</summary>
    Failed,
}

/// <summary>What the revocation form gives: the reason, the serial number typed again, an optional send time, a note.</summary>
public sealed record RevocationInput(RevocationReason Reason, string? TypedSerialNumber, DateTimeOffset? ScheduledSendAt, string? Note);

/// <summary>
/// A binding request to revoke a certificate (seed 000), sent to the certificate authority at once or at a scheduled time; the
/// certificate is revoked within <see cref="Limit"/> of the send time. Each change is a method here that checks the rule, moves the
/// request and its certificate, writes the application's history line and the audit event, and queues the holder's e-mail.
/// </summary>
/// <remarks>
/// For reports: <see cref="SendAt"/> is when the 24 hours start (null while a second approval is awaited: that wait counts toward
/// nothing), <see cref="RevokeBy"/> is <c>send_at + 24 h</c>, <see cref="SentAt"/> when the authority took the request and
/// <see cref="RevokedAt"/> the revocation time it gave. Revoked in time: <c>revoked_at &lt;= revoke_by</c>.
/// </remarks>
public class RevocationRequest : AggregateRoot
{
    public const int MaxNoteLength = 1000;
    public const int MaxWithdrawalReasonLength = 1000;
    /// <summary>Seed 000: the certificate is revoked within 24 hours of the send time.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromHours(24);
    /// <summary>A pending request is near its limit when less than this is left (the home page and the dashboard's "Due soon").</summary>
    public static readonly TimeSpan DueSoonWithin = TimeSpan.FromHours(4);
    /// <summary>The latest a send time may be scheduled, from the moment the request is made.</summary>
    public static readonly TimeSpan LongestSchedule = TimeSpan.FromDays(365);

    private RevocationRequest() { }

    public Guid Id { get; private set; }
    public Guid CertificateId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid PersonId { get; private set; }
    public RevocationReason Reason { get; private set; }
    public string? Note { get; private set; }
    public RevocationState State { get; private set; }
    public Guid? RequestedById { get; private set; }
    public string RequestedByName { get; private set; } = "";
    /// <summary>When the Administrator confirmed the binding request.</summary>
    public DateTimeOffset SubmittedAt { get; private set; }
    /// <summary>The send time the Administrator chose; null to send at once.</summary>
    public DateTimeOffset? ScheduledSendAt { get; private set; }
    /// <summary>Whether a second Administrator must approve it before it is sent (<c>Revocation:RequireSecondApproval</c> when it was made).</summary>
    public bool RequiresApproval { get; private set; }
    public Guid? ApprovedById { get; private set; }
    public string? ApprovedByName { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    /// <summary>When the request goes to the authority and the 24 hours start: the scheduled time, or submission (or approval); null while awaiting approval.</summary>
    public DateTimeOffset? SendAt { get; private set; }
    /// <summary>The 24-hour limit: <see cref="SendAt"/> + <see cref="Limit"/>.</summary>
    public DateTimeOffset? RevokeBy { get; private set; }
    /// <summary>When the authority took the request.</summary>
    public DateTimeOffset? SentAt { get; private set; }
    /// <summary>The revocation time the authority gave.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public Guid? WithdrawnById { get; private set; }
    public string? WithdrawnByName { get; private set; }
    public string? WithdrawalReason { get; private set; }
    /// <summary>Attempts to reach the authority (failed ones and the one that succeeded).</summary>
    public int Attempts { get; private set; }
    /// <summary>When the sender next tries; the send time, then later after each failure (back-off).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    /// <summary>
    /// The sender's lease: an instance claimed the request (in a short transaction of its own) and is calling the authority until then;
    /// the others skip it meanwhile, and take it again once the lease has passed (an instance that died mid-call). Null when unclaimed.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }
    /// <summary>Why the last attempt failed (what the pages say, in the reader's language); null before any failure.</summary>
    public RevocationFailure? LastFailure { get; private set; }
    /// <summary>The authority's own answer (or the error on the way to it) the last time it failed, as it gave it: a technical detail, not our words.</summary>
    public string? LastError { get; private set; }
    /// <summary>PostgreSQL xmin.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// The one "open request" rule (awaiting approval or pending): queries filter with it (<c>.Where(RevocationRequest.Open)</c>), the
    /// model asks <see cref="IsOpen"/>, and SQL (the partial unique index, the counts) uses <see cref="OpenSql"/>, the same states.
    /// </summary>
    public static readonly Expression<Func<RevocationRequest, bool>> Open =
        r => r.State == RevocationState.AwaitingApproval || r.State == RevocationState.Pending;

    /// <summary><see cref="Open"/> as SQL over <c>revocation_requests</c>.</summary>
    public const string OpenSql = "state IN ('AwaitingApproval', 'Pending')";

    private static readonly Func<RevocationRequest, bool> IsOpenCompiled = Open.Compile();

    public bool IsOpen => IsOpenCompiled(this);

    public RevocationPhase PhaseAt(DateTimeOffset now) => Phase(State, SendAt, now);

    public static RevocationPhase Phase(RevocationState state, DateTimeOffset? sendAt, DateTimeOffset now) => state switch
    {
        RevocationState.AwaitingApproval => RevocationPhase.AwaitingApproval,
        RevocationState.Pending when sendAt > now => RevocationPhase.Scheduled,
        RevocationState.Pending => RevocationPhase.Sending,
        RevocationState.Revoked => RevocationPhase.Revoked,
        _ => RevocationPhase.Withdrawn,
    };

    public RevocationLimit LimitAt(DateTimeOffset now, TimeSpan dueSoonWithin) => LimitOf(State, RevokeBy, RevokedAt, now, dueSoonWithin);

    /// <summary>
    /// Not started (awaiting approval), running, due soon (pending, the limit within <paramref name="dueSoonWithin"/>), overdue (pending past
    /// it), revoked in time or late; none for a withdrawn request.
    /// </summary>
    public static RevocationLimit LimitOf(RevocationState state, DateTimeOffset? revokeBy, DateTimeOffset? revokedAt, DateTimeOffset now,
        TimeSpan dueSoonWithin) => state switch
    {
        RevocationState.AwaitingApproval => RevocationLimit.NotStarted,
        RevocationState.Pending when revokeBy < now => RevocationLimit.Overdue,
        RevocationState.Pending => revokeBy - now <= dueSoonWithin ? RevocationLimit.DueSoon : RevocationLimit.Running,
        RevocationState.Revoked => revokedAt > revokeBy ? RevocationLimit.RevokedLate : RevocationLimit.RevokedInTime,
        _ => RevocationLimit.None,
    };

    /// <summary>Past the 24-hour limit: still not revoked after it, or revoked after it.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOverdue(State, RevokeBy, RevokedAt, now);

    public static bool IsOverdue(RevocationState state, DateTimeOffset? revokeBy, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        revokeBy is { } limit && (state == RevocationState.Pending ? now > limit : state == RevocationState.Revoked && revokedAt > limit);

    /// <summary>
    /// When a request released at <paramref name="releasedAt"/> (sent without the two-person rule, or approved) goes to the authority: its
    /// scheduled time if that is later, else then. <see cref="Release"/> uses it; the confirmation step shows what it will be.
    /// </summary>
    public static DateTimeOffset SendTimeIfReleasedAt(DateTimeOffset? scheduledSendAt, DateTimeOffset releasedAt) =>
        scheduledSendAt is { } scheduled && scheduled > releasedAt ? scheduled : releasedAt;

    /// <summary>The 24-hour limit of a request released at <paramref name="releasedAt"/>: its send time (<see cref="SendTimeIfReleasedAt"/>) + <see cref="Limit"/>.</summary>
    public static DateTimeOffset RevokeByIfReleasedAt(DateTimeOffset? scheduledSendAt, DateTimeOffset releasedAt) =>
        SendTimeIfReleasedAt(scheduledSendAt, releasedAt) + Limit;

    /// <summary>Whether <see cref="Withdraw"/> would be allowed now (what pages offer).</summary>
    public bool CanWithdrawAt(DateTimeOffset now) =>
        State == RevocationState.AwaitingApproval || (State == RevocationState.Pending && SendAt > now);

    /// <summary>Whether <paramref name="by"/> may approve it now (what pages offer; <see cref="Approve"/> checks the same).</summary>
    public bool CanBeApprovedBy(Guid? by) => State == RevocationState.AwaitingApproval && by is not null && by != RequestedById;

    /// <summary>
    /// Makes a binding revocation request for an active certificate: the serial typed again must be the certificate's, the send time
    /// (if any) in the future and at most a year ahead, and the certificate must have no open request. The certificate shows
    /// Revocation requested; unless a second approval is required the holder is told when it will be sent.
    /// </summary>
    public static RevocationRequest Submit(Certificate certificate, Application application, RevocationInput input, bool requiresApproval,
        Actor by, DateTimeOffset at)
    {
        if (certificate.ApplicationId != application.Id)
            throw new InvalidOperationException("The certificate was not issued on this application.");
        var note = Check(certificate, input, at);

        var request = new RevocationRequest
        {
            Id = Guid.NewGuid(),
            CertificateId = certificate.Id,
            ApplicationId = application.Id,
            PersonId = certificate.PersonId,
            Reason = input.Reason,
            Note = note,
            State = RevocationState.AwaitingApproval,
            RequestedById = by.UserId,
            RequestedByName = by.Name,
            SubmittedAt = at,
            ScheduledSendAt = input.ScheduledSendAt,
            RequiresApproval = requiresApproval,
        };
        certificate.MarkRevocationRequested();
        application.RecordCertificateEvent(HistoryKind.RevocationRequested, certificate.Number, by, at);
        request.AuditChange(AuditActions.RevocationRequested, certificate, by, at, new()
        {
            ["reason"] = input.Reason.ToString(),
            ["scheduledSendAt"] = Iso(input.ScheduledSendAt),
            ["requiresApproval"] = requiresApproval ? "true" : "false",
            ["note"] = note,
        });
        if (!requiresApproval) request.Release(SendTimeIfReleasedAt(input.ScheduledSendAt, at), certificate, application, at);
        return request;
    }

    /// <summary>
    /// Every rule of <see cref="Submit"/> without making the request (the form's confirmation step asks it first): throws the refusal,
    /// or returns the note as it will be kept.
    /// </summary>
    public static string? Check(Certificate certificate, RevocationInput input, DateTimeOffset at)
    {
        switch (RefusalFor(certificate, hasOpenRequest: false, at))
        {
            case ErrorCodes.RevocationAlreadyOpen: throw AlreadyOpen();
            case ErrorCodes.CertificateNotActive:
                throw new DomainException(ErrorCodes.CertificateNotActive, $"The certificate is {certificate.Status}; only an active certificate can be revoked.");
        }
        if (!RevocationReasons.IsRequestable(input.Reason))
            throw new DomainException(ErrorCodes.RevocationReasonNotAllowed, $"{input.Reason} is not a reason the office may request.");
        if (string.IsNullOrWhiteSpace(input.TypedSerialNumber))
            throw new DomainException(ErrorCodes.SerialNumberRequired, "Type the certificate's serial number to confirm it.");
        if (!certificate.SerialNumberMatches(input.TypedSerialNumber))
            throw new DomainException(ErrorCodes.SerialNumberMismatch, "The serial number typed is not this certificate's.");
        if (input.ScheduledSendAt is { } scheduled)
        {
            if (scheduled <= at) throw new DomainException(ErrorCodes.SendTimeInPast, "The send time must be in the future.");
            if (scheduled > at + LongestSchedule) throw new DomainException(ErrorCodes.SendTimeTooFar, "The send time may be at most a year ahead.");
        }
        var note = Clean(input.Note);
        if (note?.Length > MaxNoteLength) throw new DomainException(ErrorCodes.RevocationNoteTooLong, "The note is too long.");
        return note;
    }

    /// <summary>
    /// Why no revocation can be requested for the certificate at all, whatever the form says (the form's page shows it before
    /// anything is typed): an open request (known from its row, or from the certificate's status), or a certificate not active.
    /// </summary>
    public static string? RefusalFor(Certificate certificate, bool hasOpenRequest, DateTimeOffset at) =>
        hasOpenRequest || certificate.Status == CertificateStatus.RevocationRequested ? ErrorCodes.RevocationAlreadyOpen
        : !certificate.IsActiveAt(at) ? ErrorCodes.CertificateNotActive
        : null;

    /// <summary>The refusal of a second open request for a certificate (the model's check, and the unique index's fallback in the change path).</summary>
    public static DomainException AlreadyOpen() =>
        new(ErrorCodes.RevocationAlreadyOpen, "The certificate already has an open revocation request.");

    /// <summary>The two-person rule: a second Administrator, not the requester, approves; the 24 hours start now (or at the later scheduled time).</summary>
    public void Approve(Certificate certificate, Application application, Actor by, DateTimeOffset at)
    {
        RequireSame(certificate, application);
        if (State != RevocationState.AwaitingApproval)
            throw new DomainException(ErrorCodes.RevocationNotAwaitingApproval, "The request is not waiting for approval.");
        if (by.UserId is null || by.UserId == RequestedById)
            throw new DomainException(ErrorCodes.RevocationOwnApproval, "Another Administrator must approve the request.");
        ApprovedById = by.UserId;
        ApprovedByName = by.Name;
        ApprovedAt = at;
        application.RecordCertificateEvent(HistoryKind.RevocationApproved, certificate.Number, by, at);
        AuditChange(AuditActions.RevocationApproved, certificate, by, at, []);
        Release(SendTimeIfReleasedAt(ScheduledSendAt, at), certificate, application, at);
    }

    /// <summary>
    /// Withdraws a request that has not been sent: one waiting for approval, or a scheduled one before its send time. The certificate
    /// is active again; a holder who was told of the request is told it was withdrawn.
    /// </summary>
    public void Withdraw(Certificate certificate, Application application, string? reason, Actor by, DateTimeOffset at)
    {
        RequireSame(certificate, application);
        if (!CanWithdrawAt(at))
            throw new DomainException(ErrorCodes.RevocationNotWithdrawable, State switch
            {
                RevocationState.Revoked => "The certificate has already been revoked.",
                RevocationState.Withdrawn => "The request has already been withdrawn.",
                _ => "The request has been sent: it is binding and can no longer be withdrawn.",
            });
        var why = Clean(reason) ?? throw new DomainException(ErrorCodes.WithdrawalReasonRequired, "Say why the request is withdrawn.");
        if (why.Length > MaxWithdrawalReasonLength) throw new DomainException(ErrorCodes.RevocationNoteTooLong, "The reason is too long.");
        var holderWasTold = State == RevocationState.Pending;
        certificate.MarkRevocationWithdrawn();
        State = RevocationState.Withdrawn;
        WithdrawnAt = at;
        WithdrawnById = by.UserId;
        WithdrawnByName = by.Name;
        WithdrawalReason = why;
        NextAttemptAt = null;
        application.RecordCertificateEvent(HistoryKind.RevocationWithdrawn, certificate.Number, by, at);
        AuditChange(AuditActions.RevocationWithdrawn, certificate, by, at, new() { ["reason"] = why });
        if (holderWasTold) Mail(MailTemplate.RevocationWithdrawn, certificate, application, at, []);
    }

    /// <summary>The authority revoked the certificate (the sender, when the authority answered): the request is done, the holder told.</summary>
    public void RecordRevoked(Certificate certificate, Application application, DateTimeOffset revokedAt, Actor authority, DateTimeOffset at)
    {
        RequireSame(certificate, application);
        if (State != RevocationState.Pending || SendAt > at)
            throw new DomainException(ErrorCodes.RevocationNotDue, "The request is not due to be sent.");
        certificate.MarkRevoked(revokedAt, Reason, at); // first: it refuses before anything here has changed
        Attempts++;
        LastAttemptAt = at;
        SentAt = at;
        RevokedAt = revokedAt;
        State = RevocationState.Revoked;
        NextAttemptAt = null;
        ClaimedUntil = null;
        application.RecordCertificateEvent(HistoryKind.CertificateRevoked, certificate.Number, authority, at);
        AuditChange(AuditActions.CertificateRevoked, certificate, authority, at, new()
        {
            ["reason"] = Reason.ToString(),
            ["revokedAt"] = Iso(revokedAt),
            ["attempts"] = Attempts.ToString(CultureInfo.InvariantCulture),
        });
        Mail(MailTemplate.CertificateRevoked, certificate, application, at, new() { ["revokedAt"] = Iso(revokedAt) });
    }

    /// <summary>
    /// The authority did not answer, could not be reached or refused: try again after a wait that doubles each time, up to
    /// <paramref name="longestWait"/>. Never given up. <paramref name="detail"/>: the authority's own answer, if any.
    /// </summary>
    public void RecordFailedAttempt(RevocationFailure failure, string? detail, DateTimeOffset at, TimeSpan firstWait, TimeSpan longestWait)
    {
        if (State != RevocationState.Pending) return;
        Attempts++;
        LastAttemptAt = at;
        LastFailure = failure;
        LastError = detail is null ? null : detail.Length > 2000 ? detail[..2000] : detail;
        var wait = TimeSpan.FromTicks(Math.Min(longestWait.Ticks, firstWait.Ticks * (1L << Math.Min(Attempts - 1, 20))));
        NextAttemptAt = at + wait;
        ClaimedUntil = null;
    }

    /// <summary>The request may go: the 24 hours run from <paramref name="sendAt"/>, the sender takes it then, the holder is told.</summary>
    private void Release(DateTimeOffset sendAt, Certificate certificate, Application application, DateTimeOffset at)
    {
        State = RevocationState.Pending;
        SendAt = sendAt;
        RevokeBy = sendAt + Limit;
        NextAttemptAt = sendAt;
        Mail(MailTemplate.RevocationRequested, certificate, application, at, new() { ["sendAt"] = Iso(sendAt) });
    }

    private void RequireSame(Certificate certificate, Application application)
    {
        if (certificate.Id != CertificateId || application.Id != ApplicationId)
            throw new InvalidOperationException("The certificate or application is not this request's.");
    }

    private void AuditChange(string action, Certificate certificate, Actor by, DateTimeOffset at, Dictionary<string, string?> details)
    {
        details["certificateNumber"] = certificate.Number;
        details["serialNumber"] = certificate.SerialNumber;
        Audit(AuditEvent.Create(at, by, action, "RevocationRequest", Id.ToString(), PersonId, ApplicationId, details));
    }

    private void Mail(string template, Certificate certificate, Application application, DateTimeOffset at, Dictionary<string, string?> model)
    {
        var person = application.Person ?? throw new InvalidOperationException("Load the application's person: the holder is mailed.");
        model["registryNumber"] = application.RegistryNumber;
        model["name"] = person.FullName;
        model["certificateType"] = application.CertificateType?.Code ?? throw new InvalidOperationException("Load the application's certificate type.");
        model["certificateNumber"] = certificate.Number;
        QueueMail(OutboxMessage.Create(template, person.Email, person.PreferredLanguage, application.RegistryNumber, model, at));
    }

    private static string? Iso(DateTimeOffset? at) => at?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
