using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Tests.Domain.Messages;

public class SecureMessageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Recipients = ["office", "registry"];
    private static readonly MessageRecipient Registry = new("registry", "Kirjaamo");
    private static readonly Actor Maria = new(Guid.NewGuid(), "Maria Virtanen");
    private static readonly StoredFile Scan = new("messages/2026/11/abc", "scan.pdf", "application/pdf", 1234, new string('f', 64));

    private static SecureMessage Send(CaseLink? route = null, string subject = "Passport copy", string body = "Here it is.", params StoredFile[] files) =>
        SecureMessage.Send("SM-2026-000001", "Anna@Example.fi", "fi", Registry, subject, body, Recipients, files, route, At);

    [Fact]
    public void Problems_NameEveryFieldToCorrect()
    {
        Assert.Equal([new FieldProblem("Recipient", ErrorCodes.MessageRecipientUnknown), new FieldProblem("Subject", ErrorCodes.MessageSubjectRequired),
            new FieldProblem("Body", ErrorCodes.MessageBodyRequired)], SecureMessage.Problems("ministry", " ", "\n\n", Recipients));
        Assert.Equal([new FieldProblem("Subject", ErrorCodes.MessageSubjectTooLong), new FieldProblem("Body", ErrorCodes.MessageBodyTooLong)],
            SecureMessage.Problems("office", new string('s', 201), new string('b', 20_001), Recipients));
        Assert.Equal([new FieldProblem("Body", ErrorCodes.TextHasControlCharacter)], SecureMessage.Problems("office", "Hello", "a\0b", Recipients));
        Assert.Empty(SecureMessage.Problems("office", "Hello", "Line one\r\nLine two\twith a tab", Recipients));
    }

    [Fact]
    public void Send_AnEmptyMessage_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => Send(body: "   "));
        Assert.Equal(ErrorCodes.MessageBodyRequired, e.Code);
    }

    [Fact]
    public void Send_KeepsTheAttachments_AuditsIt_AndMailsAReceiptWithoutTheText()
    {
        var message = Send(files: Scan);

        Assert.Equal(("anna@example.fi", "registry", "Passport copy"), (message.SenderEmail, message.RecipientCode, message.Subject));
        var file = Assert.Single(message.Attachments);
        Assert.Equal((1, "scan.pdf", Scan.Sha256), (file.Order, file.FileName, file.Sha256));
        Assert.Equal([AuditActions.MessageReceived], message.PendingAuditEvents.Select(e => e.Action));
        var receipt = Assert.Single(message.PendingMail);
        Assert.Equal((MailTemplate.SecureMessageReceipt, "anna@example.fi", "fi"), (receipt.Template, receipt.ToAddress, receipt.Language));
        Assert.DoesNotContain("Here it is", receipt.Model);
        Assert.DoesNotContain("Passport copy", receipt.Model);
        Assert.Equal("SM-2026-000001", receipt.ModelValues()["reference"]);
    }

    [Fact]
    public void Send_WithARoute_IsLinkedAutomatically_AndTheEventsNameThePersonAndApplication()
    {
        var route = new CaseLink(Guid.NewGuid(), Guid.NewGuid(), "BO/2026/000123");
        var message = Send(route);

        Assert.Equal((route.PersonId, route.ApplicationId, CaseLinkKind.Automatic), (message.PersonId!.Value, message.ApplicationId, message.LinkKind!.Value));
        Assert.Equal([AuditActions.MessageReceived, AuditActions.MessageLinked], message.PendingAuditEvents.Select(e => e.Action));
        Assert.All(message.PendingAuditEvents, e => Assert.Equal((route.PersonId, route.ApplicationId), (e.PersonId!.Value, e.ApplicationId)));
        Assert.Equal("BO/2026/000123", Assert.Single(message.PendingMail).RegistryNumber);
    }

    [Fact]
    public void Open_MarksReadOnce_AndAuditsEveryOpening()
    {
        var message = Send();
        message.Open(Maria, At.AddHours(1));
        message.Open(new Actor(Guid.NewGuid(), "Nikos Alexiou"), At.AddHours(2));

        Assert.Equal((At.AddHours(1), "Maria Virtanen"), (message.FirstReadAt!.Value, message.FirstReadByName));
        Assert.Equal(2, message.PendingAuditEvents.Count(e => e.Action == AuditActions.MessageViewed));
    }

    [Fact]
    public void LinkTo_ByHand_ReplacesTheLink_AndTheSameLinkTwiceIsRefused()
    {
        var message = Send(new CaseLink(Guid.NewGuid(), Guid.NewGuid(), "BO/2026/000123"));
        var person = new CaseLink(Guid.NewGuid(), null, null);
        message.LinkTo(person, Maria, At);

        Assert.Equal((person.PersonId, (Guid?)null, CaseLinkKind.Manual, "Maria Virtanen"), (message.PersonId!.Value, message.ApplicationId, message.LinkKind!.Value, message.LinkedByName));
        Assert.Equal(ErrorCodes.MessageAlreadyLinked, Assert.Throws<DomainException>(() => message.LinkTo(person, Maria, At)).Code);
        message.Unlink(Maria, At);
        Assert.Null(message.PersonId);
        Assert.Equal(ErrorCodes.MessageNotLinked, Assert.Throws<DomainException>(() => message.Unlink(Maria, At)).Code);
    }

    [Fact]
    public void MarkHandled_Twice_IsRefused_AndReopenUndoesIt()
    {
        var message = Send();
        message.MarkHandled(Maria, At);
        Assert.Equal(ErrorCodes.MessageAlreadyHandled, Assert.Throws<DomainException>(() => message.MarkHandled(Maria, At)).Code);
        message.Reopen(Maria, At);
        Assert.False(message.IsHandled);
        Assert.Equal(ErrorCodes.MessageNotHandled, Assert.Throws<DomainException>(() => message.Reopen(Maria, At)).Code);
    }

    [Fact]
    public void Reply_StaysInTheMessage_AndTheSenderIsMailedOnlyALink()
    {
        var message = Send();
        message.Reply("Thank you, the copy is fine.", "https://office.example/Secure/Messages/1", "BO/2026/000123", Maria, At.AddHours(3));

        var reply = Assert.Single(message.Replies);
        Assert.Equal(("Thank you, the copy is fine.", "Maria Virtanen"), (reply.Body, reply.WrittenByName));
        var notice = message.PendingMail.Single(m => m.Template == MailTemplate.SecureMessageReply);
        Assert.Equal("https://office.example/Secure/Messages/1", notice.ModelValues()["link"]);
        Assert.DoesNotContain("copy is fine", notice.Model);
        Assert.Equal(ErrorCodes.ReplyRequired, Assert.Throws<DomainException>(() => message.Reply(" ", "x", null, Maria, At)).Code);
    }

    [Fact]
    public void ReadBySender_OnlyFromTheSendersAddress_MarksTheAnswersRead()
    {
        var message = Send();
        message.Reply("Answer", "https://office.example/x", null, Maria, At);

        Assert.Equal(ErrorCodes.MessageOfAnotherAddress, Assert.Throws<DomainException>(() => message.ReadBySender("eve@example.fi", At)).Code);
        message.ReadBySender("ANNA@example.fi", At.AddHours(1));
        Assert.Equal(At.AddHours(1), message.Replies.Single().ReadBySenderAt);
        var read = message.PendingAuditEvents.Count(e => e.Action == AuditActions.MessageReplyRead);
        message.ReadBySender("anna@example.fi", At.AddHours(2));
        Assert.Equal(read, message.PendingAuditEvents.Count(e => e.Action == AuditActions.MessageReplyRead));
    }

    [Fact]
    public void Purge_OnlyAMessageHandledBeforeTheCutoff()
    {
        var message = Send();
        Assert.Equal(ErrorCodes.MessageNotDueForPurge, Assert.Throws<DomainException>(() => message.Purge(At.AddYears(3), Maria, At)).Code);
        message.MarkHandled(Maria, At);
        Assert.Throws<DomainException>(() => message.Purge(At, Maria, At));
        message.Purge(At.AddDays(1), Maria, At.AddYears(2));
        Assert.Contains(message.PendingAuditEvents, e => e.Action == AuditActions.MessagePurged);
    }

    [Theory]
    [InlineData("About BO/2026/000123", "BO/2026/000123")]
    [InlineData("about bo/2026/000123, please", "BO/2026/000123")]
    [InlineData("Hakemus BO / 2026 / 000123", "BO/2026/000123")]
    [InlineData("Ansökan Bo 2026 000123.", "BO/2026/000123")]
    [InlineData("(BO/ 2026/000123)", "BO/2026/000123")]
    public void RegistryNumber_FindAll_ReadsANumberAsPeopleWriteIt(string text, string expected) =>
        Assert.Equal([expected], RegistryNumber.FindAll(text));

    [Theory]
    [InlineData("TURBO/2026/000123")]
    [InlineData("BO/2026/0001234")]
    [InlineData("BO/26/000123")]
    [InlineData("BO\n2026\n000123")]
    public void RegistryNumber_FindAll_IgnoresWhatIsNotOne(string text) => Assert.Empty(RegistryNumber.FindAll(text));

    [Fact]
    public void RegistryNumber_FindAll_ListsEachNumberOnceInOrder() =>
        Assert.Equal(["BO/2026/000002", "BO/2025/000001"], RegistryNumber.FindAll("BO/2026/000002 and bo/2025/000001 and BO 2026 000002"));
}
