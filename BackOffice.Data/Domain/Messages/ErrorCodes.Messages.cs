namespace BackOffice.Data.Domain;

/// <summary>Refusals of the secure messages (seed 004): each is the resource key of its message.</summary>
public static partial class ErrorCodes
{
    public const string SenderAddressInvalid = "Error.SenderAddressInvalid";
    public const string SenderLinkUnknown = "Error.SenderLinkUnknown";
    public const string SenderLinkExpired = "Error.SenderLinkExpired";
    public const string SenderLinkUsed = "Error.SenderLinkUsed";
    public const string MessageOfAnotherAddress = "Error.MessageOfAnotherAddress";
    public const string MessageRecipientUnknown = "Error.MessageRecipientUnknown";
    public const string MessageSubjectRequired = "Error.MessageSubjectRequired";
    public const string MessageSubjectTooLong = "Error.MessageSubjectTooLong";
    public const string MessageBodyRequired = "Error.MessageBodyRequired";
    public const string MessageBodyTooLong = "Error.MessageBodyTooLong";
    public const string MessageTooManyAttachments = "Error.MessageTooManyAttachments";
    public const string MessageAlreadyHandled = "Error.MessageAlreadyHandled";
    public const string MessageNotHandled = "Error.MessageNotHandled";
    public const string MessageNotLinked = "Error.MessageNotLinked";
    public const string MessageAlreadyLinked = "Error.MessageAlreadyLinked";
    public const string MessageApplicationNotFound = "Error.MessageApplicationNotFound";
    public const string MessagePersonNotFound = "Error.MessagePersonNotFound";
    public const string MessageRepliesNotAvailable = "Error.MessageRepliesNotAvailable";
    public const string MessageNotDueForPurge = "Error.MessageNotDueForPurge";
    public const string ReplyRequired = "Error.ReplyRequired";
    public const string TextHasControlCharacter = "Error.TextHasControlCharacter";
    public const string ReplyTooLong = "Error.ReplyTooLong";
    public const string FileNameNotAllowed = "Error.FileNameNotAllowed";
    public const string FileNameTooLong = "Error.FileNameTooLong";
    public const string TooManyRequests = "Error.TooManyRequests";
}
