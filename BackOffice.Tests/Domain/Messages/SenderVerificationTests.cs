using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Outbox;

namespace BackOffice.Tests.Domain.Messages;

public class SenderVerificationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', 64);

    private static SenderVerification Request(string email = "Anna.Lindholm@Example.FI") =>
        SenderVerification.Request(email, Hash, "sealed:link", "sv", "/Secure/Messages/1", At);

    [Fact]
    public void Request_KeepsTheAddressNormalised_AndOnlyTheHash_AndMailsTheLinkInTheSendersLanguage()
    {
        var v = Request();

        Assert.Equal(("anna.lindholm@example.fi", Hash, At.AddMinutes(30)), (v.Email, v.TokenHash, v.ExpiresAt));
        var mail = Assert.Single(v.PendingMail);
        Assert.Equal((MailTemplate.SecureMessageLink, "anna.lindholm@example.fi", "sv"), (mail.Template, mail.ToAddress, mail.Language));
        Assert.Equal("sealed:link", mail.ModelValues()["link"]);
        Assert.Equal(AuditActions.SenderLinkRequested, Assert.Single(v.PendingAuditEvents).Action);
    }

    [Theory]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.fi")]
    [InlineData("anna@example")]
    [InlineData("anna lindholm@example.fi")]
    [InlineData("Anna <anna@example.fi>")]
    [InlineData("anna@example.fi,bob@example.fi")]
    [InlineData("\"anna\"@example.fi")]
    [InlineData("anna@@example.fi")]
    [InlineData("anna@example..fi")]
    public void Request_RefusesWhatIsNotOnePlainAddress(string email)
    {
        var e = Assert.Throws<DomainException>(() => Request(email));
        Assert.Equal(ErrorCodes.SenderAddressInvalid, e.Code);
    }

    [Fact]
    public void Request_RefusesAnAddressLongerThanMailServersTake() =>
        Assert.Throws<DomainException>(() => Request(new string('a', 64) + "@" + new string('b', 190) + ".fi"));

    [Fact]
    public void Open_WithinThirtyMinutes_StartsAnHourLongSession()
    {
        var v = Request();
        v.Open(At.AddMinutes(29));

        Assert.Equal(At.AddMinutes(89), v.SessionEndsAt);
        Assert.True(v.SessionOpenAt(At.AddMinutes(88)));
        Assert.False(v.SessionOpenAt(At.AddMinutes(89)));
        Assert.Contains(v.PendingAuditEvents, e => e.Action == AuditActions.SenderVerified);
    }

    [Fact]
    public void Open_AfterThirtyMinutes_IsRefusedAsExpired()
    {
        var v = Request();
        var e = Assert.Throws<DomainException>(() => v.Open(At.AddMinutes(30)));
        Assert.Equal(ErrorCodes.SenderLinkExpired, e.Code);
        Assert.Null(v.UsedAt);
    }

    [Fact]
    public void Open_ASecondTime_IsRefusedAsUsed()
    {
        var v = Request();
        v.Open(At.AddMinutes(1));
        var e = Assert.Throws<DomainException>(() => v.Open(At.AddMinutes(2)));
        Assert.Equal(ErrorCodes.SenderLinkUsed, e.Code);
        Assert.Equal(At.AddMinutes(61), v.SessionEndsAt);
    }

    [Fact]
    public void SignOut_EndsTheSession()
    {
        var v = Request();
        v.Open(At);
        v.SignOut(At.AddMinutes(5));
        Assert.False(v.SessionOpenAt(At.AddMinutes(6)));
    }
}
