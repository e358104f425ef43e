using BackOffice.Web.Infrastructure.Email;

namespace BackOffice.Tests.Infrastructure.Email;

/// <summary>What a System administrator reads of a message: the recipient's domain, errors with addresses and template names masked.</summary>
public class MailPrivacyTests
{
    [Theory]
    [InlineData("matti.meikalainen@example.fi", "…@example.fi")]
    [InlineData("\"odd@local\"@mail.example", "…@mail.example")]
    [InlineData("no-at-sign", "…")]
    public void Domain_KeepsOnlyWhatFollowsTheLastAt(string address, string shown) => Assert.Equal(shown, MailPrivacy.Domain(address));

    [Theory]
    [InlineData("SmtpCommandException: 5.1.1 <anna.lindholm@example.fi>: Recipient address rejected: User unknown",
        "SmtpCommandException: 5.1.1 <…@example.fi>: Recipient address rejected: User unknown")]
    [InlineData("RCPT TO:<a+tag@sub.example.com> refused; also copied to b_c@x.example.",
        "RCPT TO:<…@sub.example.com> refused; also copied to …@x.example.")]
    [InlineData("Mailbox åsa.öberg@exämple.fi is full", "Mailbox …@exämple.fi is full")]
    [InlineData("ParseException: Invalid addr-spec token at offset 7", "ParseException: Invalid addr-spec token at offset 7")]
    [InlineData("MailTemplateException: No e-mail text 'application-refused.Subject'.", "MailTemplateException: No e-mail text '….Subject'.")]
    [InlineData("The 'step' value of the 'step-not-approved' mail is missing.", "The 'step' value of the '…' mail is missing.")]
    public void MaskedError_HidesAddressesAndTemplates_AndKeepsTheRest(string error, string shown) => Assert.Equal(shown, MailPrivacy.MaskedError(error));

    [Fact]
    public void MaskedError_OfNoError_IsNone() => Assert.Null(MailPrivacy.MaskedError(null));
}
