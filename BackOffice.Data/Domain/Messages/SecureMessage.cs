using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Data.Domain.Messages;

/// <summary>Where a message belongs: a person, and the application when there is one.</summary>
public sealed record CaseLink(Guid PersonId, Guid? ApplicationId, string? RegistryNumber);

/// <summary>One of the office's recipients (the office or one of its units), named in the sender's language.</summary>
public sealed record MessageRecipient(string Code, string Name);

/// <summary>A field of the sender's form that the model refuses, and why (the reason's resource key).</summary>
public sealed record FieldProblem(string Field, string Code);

/// <summary>How a message came to be linked to its case.</summary>
public enum CaseLinkKind { Automatic, Manual }

/// <summary>
/// A confidential message a verified sender wrote to the office (seed 004), with its attachments and the office's replies.
/// The office reads it in its inbox, links it to a case (the model does when a registry number is named), answers it — the
/// answer is read behind the same address verification, never sent by e-mail — and marks it handled; a handled message is
/// purged with its files after the retention period.
/// </summary>
public class SecureMessage : AggregateRoot
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20_000;
    public const int MaxReplyLength = 20_000;
    public const string EntityType = "SecureMessage";

    private readonly List<MessageAttachment> _attachments = [];
    private readonly List<MessageReply> _replies = [];

    private SecureMessage() { }

    public Guid Id { get; private set; }
    /// <summary>The reference the sender is given, e.g. <c>SM-2026-000042</c>.</summary>
    public string Reference { get; private set; } = "";
    public string SenderEmail { get; private set; } = "";
    /// <summary>The sender's language: the receipt and the notices of answers are in it.</summary>
    public string Language { get; private set; } = "en";
    public string RecipientCode { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset? FirstReadAt { get; private set; }
    public string? FirstReadByName { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public Guid? HandledById { get; private set; }
    public string? HandledByName { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? ApplicationId { get; private set; }
    public CaseLinkKind? LinkKind { get; private set; }
    public DateTimeOffset? LinkedAt { get; private set; }
    public string? LinkedByName { get; private set; }
    /// <summary>PostgreSQL xmin: two people acting on the message at once — one wins.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<MessageAttachment> Attachments => _attachments;
    public IReadOnlyList<MessageReply> Replies => _replies;
    public bool IsRead => FirstReadAt is not null;
    public bool IsHandled => HandledAt is not null;

    /// <summary>Every field the sender must correct before the message can be sent (checked before any attachment is read).</summary>
    public static IReadOnlyList<FieldProblem> Problems(string? recipient, string? subject, string? body, IReadOnlyCollection<string> recipients)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(recipient) || !recipients.Contains(recipient))
            problems.Add(new("Recipient", ErrorCodes.MessageRecipientUnknown));
        if (string.IsNullOrWhiteSpace(subject)) problems.Add(new("Subject", ErrorCodes.MessageSubjectRequired));
        else if (subject.Trim().Length > MaxSubjectLength) problems.Add(new("Subject", ErrorCodes.MessageSubjectTooLong));
        else if (HasControlCharacter(subject)) problems.Add(new("Subject", ErrorCodes.TextHasControlCharacter));
        if (string.IsNullOrWhiteSpace(body)) problems.Add(new("Body", ErrorCodes.MessageBodyRequired));
        else if (Normalised(body).Length > MaxBodyLength) problems.Add(new("Body", ErrorCodes.MessageBodyTooLong));
        else if (HasControlCharacter(body)) problems.Add(new("Body", ErrorCodes.TextHasControlCharacter));
        return problems;
    }

    /// <summary>
    /// The sender's message, its attachments already in the document store. Routed to <paramref name="route"/> (the application
    /// a registry number in it names) when there is one. The sender's receipt names the reference, never the text.
    /// </summary>
    public static SecureMessage Send(string reference, string senderEmail, string language, MessageRecipient recipient, string subject, string body,
        IReadOnlyCollection<string> recipients, IReadOnlyList<StoredFile> attachments, CaseLink? route, DateTimeOffset at)
    {
        if (Problems(recipient.Code, subject, body, recipients) is [var first, ..])
            throw new DomainException(first.Code, $"The message cannot be sent: {first.Field} ({first.Code}).");
        var message = new SecureMessage
        {
            Id = Guid.NewGuid(),
            Reference = reference,
            SenderEmail = SenderAddress.Normalise(senderEmail),
            Language = language is "en" or "sv" or "fi" ? language : "en",
            RecipientCode = recipient.Code,
            Subject = subject.Trim(),
            Body = Normalised(body),
            SentAt = at,
        };
        for (var i = 0; i < attachments.Count; i++) message._attachments.Add(new MessageAttachment(message.Id, i + 1, attachments[i]));
        var sender = Actor.System(message.SenderEmail);
        if (route is not null) message.SetLink(route, CaseLinkKind.Automatic, sender, at);
        message.Record(AuditActions.MessageReceived, sender, at, new()
        {
            ["recipient"] = recipient.Code,
            ["attachments"] = attachments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (route is not null) message.Record(AuditActions.MessageLinked, sender, at, new() { ["how"] = nameof(CaseLinkKind.Automatic), ["registryNumber"] = route.RegistryNumber });
        message.QueueMail(OutboxMessage.Create(MailTemplate.SecureMessageReceipt, message.SenderEmail, message.Language, route?.RegistryNumber,
            new Dictionary<string, string?>
            {
                ["reference"] = reference,
                ["recipient"] = recipient.Name,
                ["sentAt"] = at.ToString("O"),
                ["attachments"] = attachments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, at));
        return message;
    }

    /// <summary>A staff member opens the message: every opening is audited; the first marks it read.</summary>
    public void Open(Actor by, DateTimeOffset at)
    {
        if (FirstReadAt is null)
        {
            FirstReadAt = at;
            FirstReadByName = by.Name;
        }
        Record(AuditActions.MessageViewed, by, at, []);
    }

    public void RecordAttachmentDownload(Guid attachmentId, Actor by, DateTimeOffset at)
    {
        var file = _attachments.SingleOrDefault(a => a.Id == attachmentId) ?? throw new InvalidOperationException("Not an attachment of this message.");
        Record(AuditActions.MessageAttachmentDownloaded, by, at, new() { ["file"] = file.FileName });
    }

    /// <summary>Links the message by hand to an application (and so its person) or to a person alone, replacing any link.</summary>
    public void LinkTo(CaseLink link, Actor by, DateTimeOffset at)
    {
        if (link.PersonId == PersonId && link.ApplicationId == ApplicationId)
            throw new DomainException(ErrorCodes.MessageAlreadyLinked, "The message is already linked there.");
        SetLink(link, CaseLinkKind.Manual, by, at);
        Record(AuditActions.MessageLinked, by, at, new() { ["how"] = nameof(CaseLinkKind.Manual), ["registryNumber"] = link.RegistryNumber });
    }

    public void Unlink(Actor by, DateTimeOffset at)
    {
        if (PersonId is null) throw new DomainException(ErrorCodes.MessageNotLinked, "The message is not linked to a case.");
        Record(AuditActions.MessageUnlinked, by, at, []);
        (PersonId, ApplicationId, LinkKind, LinkedAt, LinkedByName) = (null, null, null, null, null);
    }

    public void MarkHandled(Actor by, DateTimeOffset at)
    {
        if (IsHandled) throw new DomainException(ErrorCodes.MessageAlreadyHandled, $"The message was marked handled by {HandledByName}.");
        (HandledAt, HandledById, HandledByName) = (at, by.UserId, by.Name);
        Record(AuditActions.MessageHandled, by, at, []);
    }

    public void Reopen(Actor by, DateTimeOffset at)
    {
        if (!IsHandled) throw new DomainException(ErrorCodes.MessageNotHandled, "The message is not marked handled.");
        (HandledAt, HandledById, HandledByName) = (null, null, null);
        Record(AuditActions.MessageReopened, by, at, []);
    }

    /// <summary>
    /// The office answers. The answer stays here: the sender is mailed a notice with <paramref name="link"/> (the public page of
    /// this message), which asks them to prove their address again before it shows the answer.
    /// </summary>
    public MessageReply Reply(string text, string link, string? registryNumber, Actor by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException(ErrorCodes.ReplyRequired, "Write the answer.");
        var body = Normalised(text);
        if (body.Length > MaxReplyLength) throw new DomainException(ErrorCodes.ReplyTooLong, "The answer is too long.");
        if (HasControlCharacter(body)) throw new DomainException(ErrorCodes.TextHasControlCharacter, "The answer holds a control character.");
        var reply = new MessageReply(Id, body, by, at);
        _replies.Add(reply);
        Record(AuditActions.MessageReplied, by, at, []);
        QueueMail(OutboxMessage.Create(MailTemplate.SecureMessageReply, SenderEmail, Language, registryNumber,
            new Dictionary<string, string?> { ["reference"] = Reference, ["link"] = link }, at));
        return reply;
    }

    /// <summary>The sender, verified as <paramref name="address"/>, reads the message and its answers; the answers not yet read are marked so.</summary>
    public void ReadBySender(string address, DateTimeOffset at)
    {
        if (!IsFrom(address)) throw new DomainException(ErrorCodes.MessageOfAnotherAddress, "The message was sent from another address.");
        var unread = _replies.Where(r => r.ReadBySenderAt is null).ToList();
        if (unread.Count == 0) return;
        foreach (var reply in unread) reply.MarkReadBySender(at);
        Record(AuditActions.MessageReplyRead, Actor.System(SenderEmail), at,
            new() { ["replies"] = unread.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public bool IsFrom(string address) => SenderAddress.TryNormalise(address, out var a) && a == SenderEmail;

    /// <summary>Whether the retention period has passed: handled before <paramref name="cutoff"/>.</summary>
    public bool IsDueForPurge(DateTimeOffset cutoff) => HandledAt < cutoff;

    /// <summary>Records the purge of a message due for it; the caller deletes the rows and the files.</summary>
    public void Purge(DateTimeOffset cutoff, Actor by, DateTimeOffset at)
    {
        if (!IsDueForPurge(cutoff)) throw new DomainException(ErrorCodes.MessageNotDueForPurge, "Only a message handled before the retention period is purged.");
        Record(AuditActions.MessagePurged, by, at, new()
        {
            ["attachments"] = _attachments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sentAt"] = SentAt.ToString("O"),
            ["handledAt"] = HandledAt!.Value.ToString("O"),
        });
    }

    private void SetLink(CaseLink link, CaseLinkKind kind, Actor by, DateTimeOffset at) =>
        (PersonId, ApplicationId, LinkKind, LinkedAt, LinkedByName) = (link.PersonId, link.ApplicationId, kind, at, by.Name);

    private void Record(string action, Actor by, DateTimeOffset at, Dictionary<string, string?> details)
    {
        details["reference"] = Reference;
        Audit(AuditEvent.Create(at, by, action, EntityType, Id.ToString(), PersonId, ApplicationId, details));
    }

    private static string Normalised(string text) => text.ReplaceLineEndings("\n").Trim();

    /// <summary>A NUL or another control character nobody types (PostgreSQL cannot store a NUL); tabs and line breaks are text.</summary>
    private static bool HasControlCharacter(string text) => text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}

/// <summary>A file attached to a message, kept in the document store.</summary>
public class MessageAttachment
{
    private MessageAttachment() { }

    internal MessageAttachment(Guid messageId, int order, StoredFile file)
    {
        Id = Guid.NewGuid();
        MessageId = messageId;
        Order = order;
        StorageKey = file.StorageKey;
        FileName = file.FileName;
        ContentType = file.ContentType;
        SizeBytes = file.SizeBytes;
        Sha256 = file.Sha256;
    }

    public Guid Id { get; private set; }
    public Guid MessageId { get; private set; }
    public int Order { get; private set; }
    public string StorageKey { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
}

/// <summary>The office's answer to a message; the sender reads it on the public pages after proving their address.</summary>
public class MessageReply
{
    private MessageReply() { }

    internal MessageReply(Guid messageId, string body, Actor by, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        MessageId = messageId;
        Body = body;
        WrittenAt = at;
        WrittenById = by.UserId;
        WrittenByName = by.Name;
    }

    public Guid Id { get; private set; }
    public Guid MessageId { get; private set; }
    public string Body { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }
    public Guid? WrittenById { get; private set; }
    public string WrittenByName { get; private set; } = "";
    public DateTimeOffset? ReadBySenderAt { get; private set; }

    internal void MarkReadBySender(DateTimeOffset at) => ReadBySenderAt ??= at;
}
