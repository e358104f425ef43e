using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Domain;

/// <summary>The revocation request's rules in the model itself (no database): the form's checks, scheduling, withdrawal, approval, the 24 hours.</summary>
public class RevocationRequestTests
{
    private const string Serial = "0123456789ABCDEF0123456789ABCDEF";
    private static readonly Actor Admin = ApplicationBuilder.Admin;
    private static readonly Actor Admin2 = new(Guid.Parse("00000000-0000-0000-0000-0000000000a2"), "Nikos Alexiou");
    private static readonly Actor Authority = Actor.System("Certificate authority");
    private static readonly DateTimeOffset Now = ApplicationBuilder.Start.AddDays(10);

    private static (Application Application, Certificate Certificate) Issued()
    {
        var type = ReferenceData.CertificateTypes().Single(t => t.Code == ReferenceData.ServiceCertificate);
        var application = ApplicationBuilder.InStage(type, ApplicationStage.AwaitingFinalReview);
        var certificate = application.Issue("C-2026-0000001", Serial, ApplicationBuilder.FinalReviewer, ApplicationBuilder.Start.AddDays(1));
        return (application, certificate);
    }

    private static RevocationInput Input(string? serial = Serial, DateTimeOffset? sendAt = null, RevocationReason reason = RevocationReason.KeyCompromise, string? note = null) =>
        new(reason, serial, sendAt, note);

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF")]
    [InlineData(" 0123 4567 89ab cdef 0123 4567 89AB CDEF ")]
    [InlineData("01:23:45:67:89:ab:cd:ef 01:23:45:67:89:ab:cd:ef")]
    public void Submit_TheSerialTypedAgain_IgnoresCaseSpacesAndColons(string typed)
    {
        var (application, certificate) = Issued();
        var request = RevocationRequest.Submit(certificate, application, Input(typed), requiresApproval: false, Admin, Now);
        Assert.Equal(RevocationState.Pending, request.State);
        Assert.Equal(CertificateStatus.RevocationRequested, certificate.Status);
    }

    [Theory]
    [InlineData("0123456789ABCDEF0123456789ABCDEE", ErrorCodes.SerialNumberMismatch)]
    [InlineData("0123456789ABCDEF", ErrorCodes.SerialNumberMismatch)]
    [InlineData("0123-4567-89AB-CDEF-0123-4567-89AB-CDEF", ErrorCodes.SerialNumberMismatch)]
    [InlineData(" : : ", ErrorCodes.SerialNumberMismatch)]
    [InlineData("", ErrorCodes.SerialNumberRequired)]
    [InlineData("   ", ErrorCodes.SerialNumberRequired)]
    [InlineData(null, ErrorCodes.SerialNumberRequired)]
    public void Submit_AWrongSerial_IsRefused_AndChangesNothing(string? typed, string code)
    {
        var (application, certificate) = Issued();
        var history = application.History.Count;
        var e = Assert.Throws<DomainException>(() => RevocationRequest.Submit(certificate, application, Input(typed), false, Admin, Now));
        Assert.Equal(code, e.Code);
        Assert.Equal(CertificateStatus.Active, certificate.Status);
        Assert.Equal(history, application.History.Count);
    }

    [Theory]
    [InlineData(RevocationReason.CaCompromise)]
    [InlineData(RevocationReason.CertificateHold)]
    [InlineData(RevocationReason.RemoveFromCrl)]
    [InlineData(RevocationReason.AaCompromise)]
    [InlineData((RevocationReason)7)]
    [InlineData((RevocationReason)42)]
    public void Submit_AReasonTheOfficeMayNotRequest_IsRefused(RevocationReason reason)
    {
        var (application, certificate) = Issued();
        var e = Assert.Throws<DomainException>(() => RevocationRequest.Submit(certificate, application, Input(reason: reason), false, Admin, Now));
        Assert.Equal(ErrorCodes.RevocationReasonNotAllowed, e.Code);
    }

    [Fact]
    public void Requestable_AreTheSixCodesOfTheIssue()
    {
        Assert.Equal([0, 1, 3, 4, 5, 9], RevocationReasons.Requestable.Select(r => (int)r));
    }

    [Theory]
    [InlineData(0, ErrorCodes.SendTimeInPast)]
    [InlineData(-60, ErrorCodes.SendTimeInPast)]
    [InlineData(366 * 24 * 60, ErrorCodes.SendTimeTooFar)]
    public void Submit_ASendTimeNotInTheComingYear_IsRefused(int minutesFromNow, string code)
    {
        var (application, certificate) = Issued();
        var e = Assert.Throws<DomainException>(() => RevocationRequest.Submit(certificate, application, Input(sendAt: Now.AddMinutes(minutesFromNow)), false, Admin, Now));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void Submit_ANoteTooLong_IsRefused()
    {
        var (application, certificate) = Issued();
        var e = Assert.Throws<DomainException>(() => RevocationRequest.Submit(certificate, application, Input(note: new string('x', 1001)), false, Admin, Now));
        Assert.Equal(ErrorCodes.RevocationNoteTooLong, e.Code);
    }

    [Fact]
    public void Submit_AtOnce_StartsThe24Hours_WritesHistoryAuditAndTellsTheHolder()
    {
        var (application, certificate) = Issued();
        var request = RevocationRequest.Submit(certificate, application, Input(note: "  Laptop stolen  "), false, Admin, Now);

        Assert.Equal(Now, request.SendAt);
        Assert.Equal(Now.AddHours(24), request.RevokeBy);
        Assert.Equal(Now, request.NextAttemptAt);
        Assert.Equal("Laptop stolen", request.Note);
        Assert.Equal(RevocationPhase.Sending, request.PhaseAt(Now));
        Assert.False(request.CanWithdrawAt(Now));
        var line = application.History[^1];
        Assert.Equal((HistoryKind.RevocationRequested, "C-2026-0000001", "Maria Virtanen"), (line.Kind, line.Detail, line.ActorName));
        var audit = Assert.Single(request.PendingAuditEvents);
        Assert.Equal(("revocation.requested", application.PersonId, (Guid?)application.Id), (audit.Action, audit.PersonId ?? Guid.Empty, audit.ApplicationId));
        Assert.Contains("\"serialNumber\":\"" + Serial + "\"", audit.Details);
        var mail = Assert.Single(request.PendingMail);
        Assert.Equal((MailTemplate.RevocationRequested, application.Person.Email), (mail.Template, mail.ToAddress));
        Assert.Equal("C-2026-0000001", mail.ModelValues()["certificateNumber"]);
    }

    [Fact]
    public void Submit_ASecondRequest_IsRefused_NotWhileTheFirstIsOpen_ButAfterItIsWithdrawn()
    {
        var (application, certificate) = Issued();
        var first = RevocationRequest.Submit(certificate, application, Input(sendAt: Now.AddDays(1)), false, Admin, Now);

        var e = Assert.Throws<DomainException>(() => RevocationRequest.Submit(certificate, application, Input(), false, Admin2, Now));
        Assert.Equal(ErrorCodes.RevocationAlreadyOpen, e.Code);

        first.Withdraw(certificate, application, "Wrong certificate", Admin, Now.AddHours(1));
        Assert.Equal(CertificateStatus.Active, certificate.Status);
        var second = RevocationRequest.Submit(certificate, application, Input(), false, Admin2, Now.AddHours(2));
        Assert.Equal(RevocationState.Pending, second.State);
    }

    [Fact]
    public void Submit_ForARevokedCertificate_IsRefused()
    {
        var (application, certificate) = Issued();
        var r = RevocationRequest.Submit(certificate, application, Input(), false, Admin, Now);
        r.RecordRevoked(certificate, application, Now.AddMinutes(1), Authority, Now.AddMinutes(1));
        var e = Assert.Throws<DomainException>(() => RevocationRequest.Submit(certificate, application, Input(), false, Admin, Now.AddHours(1)));
        Assert.Equal(ErrorCodes.CertificateNotActive, e.Code);
    }

    /// <summary>Expired: from the moment its validity ends (valid until is the first moment it is no longer valid), not a tick before.</summary>
    [Fact]
    public void Submit_FromTheEndOfValidity_IsRefused_AndChangesNothing_JustBeforeItIsAccepted()
    {
        var (application, certificate) = Issued();
        var history = application.History.Count;
        foreach (var at in new[] { certificate.ValidUntil, certificate.ValidUntil.AddSeconds(1), certificate.ValidUntil.AddYears(1) })
        {
            var e = Assert.Throws<DomainException>(() => RevocationRequest.Submit(certificate, application, Input(), false, Admin, at));
            Assert.Equal(ErrorCodes.CertificateNotActive, e.Code);
            Assert.Throws<DomainException>(() => RevocationRequest.Check(certificate, Input(), at));
        }
        Assert.Equal((CertificateStatus.Active, history), (certificate.Status, application.History.Count));

        var justBefore = RevocationRequest.Submit(certificate, application, Input(), false, Admin, certificate.ValidUntil.AddTicks(-10));
        Assert.Equal((RevocationState.Pending, CertificateStatus.RevocationRequested), (justBefore.State, certificate.Status));
    }

    [Fact]
    public void Scheduled_CanBeWithdrawnUntilItsSendTime_NotAfter()
    {
        var (application, certificate) = Issued();
        var sendAt = Now.AddDays(2);
        var request = RevocationRequest.Submit(certificate, application, Input(sendAt: sendAt), false, Admin, Now);
        Assert.Equal((sendAt, sendAt.AddHours(24)), (request.SendAt!.Value, request.RevokeBy!.Value));
        Assert.Equal(RevocationPhase.Scheduled, request.PhaseAt(sendAt.AddTicks(-1)));
        Assert.Equal(RevocationPhase.Sending, request.PhaseAt(sendAt));

        var late = Assert.Throws<DomainException>(() => request.Withdraw(certificate, application, "Changed my mind", Admin, sendAt));
        Assert.Equal(ErrorCodes.RevocationNotWithdrawable, late.Code);
        Assert.Equal(RevocationState.Pending, request.State);

        var noReason = Assert.Throws<DomainException>(() => request.Withdraw(certificate, application, "  ", Admin, sendAt.AddMinutes(-1)));
        Assert.Equal(ErrorCodes.WithdrawalReasonRequired, noReason.Code);

        request.Withdraw(certificate, application, "The holder still works here", Admin2, sendAt.AddMinutes(-1));
        Assert.Equal((RevocationState.Withdrawn, "Nikos Alexiou", "The holder still works here"), (request.State, request.WithdrawnByName!, request.WithdrawalReason!));
        Assert.Null(request.NextAttemptAt);
        Assert.Equal(CertificateStatus.Active, certificate.Status);
        Assert.Equal(HistoryKind.RevocationWithdrawn, application.History[^1].Kind);
        Assert.Equal(["revocation.requested", "revocation.withdrawn"], request.PendingAuditEvents.Select(e => e.Action));
        Assert.Equal([MailTemplate.RevocationRequested, MailTemplate.RevocationWithdrawn], request.PendingMail.Select(m => m.Template));
        Assert.False(request.IsOverdueAt(sendAt.AddDays(3)));
    }

    [Fact]
    public void RecordRevoked_RevokesTheCertificate_WithTheAuthoritysTimeAndTheReason()
    {
        var (application, certificate) = Issued();
        var request = RevocationRequest.Submit(certificate, application, Input(reason: RevocationReason.AffiliationChanged), false, Admin, Now);
        var revokedAt = Now.AddMinutes(3);

        request.RecordRevoked(certificate, application, revokedAt, Authority, Now.AddMinutes(4));

        Assert.Equal((RevocationState.Revoked, Now.AddMinutes(4), revokedAt), (request.State, request.SentAt!.Value, request.RevokedAt!.Value));
        Assert.Equal((CertificateStatus.Revoked, revokedAt, RevocationReason.AffiliationChanged), (certificate.Status, certificate.RevokedAt!.Value, certificate.RevocationReason!.Value));
        Assert.Equal((HistoryKind.CertificateRevoked, "Certificate authority"), (application.History[^1].Kind, application.History[^1].ActorName));
        Assert.Equal(MailTemplate.CertificateRevoked, request.PendingMail[^1].Template);
        Assert.Equal("certificate.revoked", request.PendingAuditEvents[^1].Action);
        Assert.False(request.IsOverdueAt(Now.AddDays(30)));
        Assert.Throws<DomainException>(() => request.Withdraw(certificate, application, "Too late", Admin, Now.AddHours(1)));
    }

    [Fact]
    public void RecordRevoked_BeforeTheSendTime_IsRefused()
    {
        var (application, certificate) = Issued();
        var request = RevocationRequest.Submit(certificate, application, Input(sendAt: Now.AddHours(5)), false, Admin, Now);
        var e = Assert.Throws<DomainException>(() => request.RecordRevoked(certificate, application, Now.AddHours(1), Authority, Now.AddHours(1)));
        Assert.Equal(ErrorCodes.RevocationNotDue, e.Code);
        Assert.Equal(CertificateStatus.RevocationRequested, certificate.Status);
    }

    [Fact]
    public void FailedAttempts_BackOffDoublingUpToTheLongestWait_KeepTheLastError_AndTheLimitMarksItOverdue()
    {
        var (application, certificate) = Issued();
        var request = RevocationRequest.Submit(certificate, application, Input(), false, Admin, Now);
        var at = Now;
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            request.RecordFailedAttempt(RevocationFailure.Failed, $"HttpRequestException: refused {i}", at, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
            waits.Add(request.NextAttemptAt!.Value - at);
            at = request.NextAttemptAt!.Value;
        }
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits.Select(w => (int)w.TotalMinutes));
        Assert.Equal((8, RevocationFailure.Failed, "HttpRequestException: refused 7"), (request.Attempts, request.LastFailure, request.LastError!));
        Assert.Equal(RevocationState.Pending, request.State);

        Assert.False(request.IsOverdueAt(Now.AddHours(24)));
        Assert.True(request.IsOverdueAt(Now.AddHours(24).AddTicks(1)));
        request.RecordRevoked(certificate, application, Now.AddHours(25), Authority, Now.AddHours(25));
        Assert.True(request.IsOverdueAt(Now.AddHours(26)), "revoked after the limit stays marked late");
    }

    [Fact]
    public void TwoPersonRule_WaitsForASecondAdministrator_WhoseApprovalStartsThe24Hours()
    {
        var (application, certificate) = Issued();
        var request = RevocationRequest.Submit(certificate, application, Input(), requiresApproval: true, Admin, Now);
        Assert.Equal((RevocationState.AwaitingApproval, RevocationPhase.AwaitingApproval), (request.State, request.PhaseAt(Now)));
        Assert.Null(request.SendAt);
        Assert.Null(request.RevokeBy);
        Assert.Null(request.NextAttemptAt);
        Assert.Empty(request.PendingMail);
        Assert.False(request.IsOverdueAt(Now.AddDays(5)), "the wait for approval counts toward nothing");
        Assert.Equal(CertificateStatus.RevocationRequested, certificate.Status);

        Assert.False(request.CanBeApprovedBy(Admin.UserId));
        var own = Assert.Throws<DomainException>(() => request.Approve(certificate, application, Admin, Now.AddHours(1)));
        Assert.Equal(ErrorCodes.RevocationOwnApproval, own.Code);

        var approvedAt = Now.AddDays(2);
        request.Approve(certificate, application, Admin2, approvedAt);
        Assert.Equal((RevocationState.Pending, approvedAt, approvedAt.AddHours(24)), (request.State, request.SendAt!.Value, request.RevokeBy!.Value));
        Assert.Equal("Nikos Alexiou", request.ApprovedByName);
        Assert.Equal(HistoryKind.RevocationApproved, application.History[^1].Kind);
        Assert.Equal(MailTemplate.RevocationRequested, Assert.Single(request.PendingMail).Template);
        var again = Assert.Throws<DomainException>(() => request.Approve(certificate, application, Admin2, approvedAt));
        Assert.Equal(ErrorCodes.RevocationNotAwaitingApproval, again.Code);
    }

    [Fact]
    public void TwoPersonRule_AScheduledRequestApprovedBeforeItsTime_IsSentAtThatTime_AndAWaitingOneCanBeWithdrawn()
    {
        var (application, certificate) = Issued();
        var scheduled = RevocationRequest.Submit(certificate, application, Input(sendAt: Now.AddDays(3)), true, Admin, Now);
        scheduled.Approve(certificate, application, Admin2, Now.AddDays(1));
        Assert.Equal(Now.AddDays(3), scheduled.SendAt);

        var (application2, certificate2) = Issued();
        var waiting = RevocationRequest.Submit(certificate2, application2, Input(sendAt: Now.AddHours(1)), true, Admin, Now);
        waiting.Withdraw(certificate2, application2, "Not approved: the holder moved department only", Admin2, Now.AddDays(1));
        Assert.Equal(RevocationState.Withdrawn, waiting.State);
        Assert.Empty(waiting.PendingMail); // the holder was never told of it
    }

    [Fact]
    public void TheOpenRule_IsOne_ForTheModel_TheQueries_AndTheSql()
    {
        var open = RevocationRequest.Open.Compile();
        var sqlStates = System.Text.RegularExpressions.Regex.Matches(RevocationRequest.OpenSql, "'(\\w+)'").Select(m => Enum.Parse<RevocationState>(m.Groups[1].Value)).ToHashSet();
        foreach (var state in Enum.GetValues<RevocationState>())
        {
            var request = (RevocationRequest)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(RevocationRequest));
            typeof(RevocationRequest).GetProperty(nameof(RevocationRequest.State))!.SetValue(request, state);
            Assert.Equal(state is RevocationState.AwaitingApproval or RevocationState.Pending, request.IsOpen);
            Assert.Equal(request.IsOpen, open(request));
            Assert.Equal(request.IsOpen, sqlStates.Contains(state));
        }
    }

    [Fact]
    public void ANoAnswerFailure_KeepsItsCode_AndNoWordsOfOurs()
    {
        var (application, certificate) = Issued();
        var request = RevocationRequest.Submit(certificate, application, Input(), requiresApproval: false, Admin, Now);

        request.RecordFailedAttempt(RevocationFailure.NoAnswer, null, Now.AddMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));

        Assert.Equal((RevocationFailure.NoAnswer, (string?)null, 1), (request.LastFailure, request.LastError, request.Attempts));
    }
}

/// <summary>The send time typed in office time, across the daylight-saving changes.</summary>
public class SendTimeInputTests
{
    private static readonly BackOffice.Web.Infrastructure.Localization.OfficeTime Office =
        new(Microsoft.Extensions.Options.Options.Create(new BackOffice.Web.Infrastructure.Localization.OfficeOptions()));

    [Theory]
    [InlineData("2027-10-31T02:59", "2027-10-30T23:59:00Z")] // EEST, before the change
    [InlineData("2027-10-31T03:30", "2027-10-31T00:30:00Z")] // the hour that happens twice: its first occurrence (EEST), not 01:30Z
    [InlineData("2027-10-31T04:00", "2027-10-31T02:00:00Z")] // EET, after it
    [InlineData("2027-03-28T04:00", "2027-03-28T01:00:00Z")] // spring: 03:00–04:00 does not exist; 04:00 is EEST
    public void AnOfficeTime_IsTheRightMoment(string typed, string utc)
    {
        Assert.True(BackOffice.Web.Pages.Revocations.SendTimeInput.TryParse(typed, Office, out var at, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Fact]
    public void AnHourThatDoesNotExist_IsRefused()
    {
        Assert.False(BackOffice.Web.Pages.Revocations.SendTimeInput.TryParse("2027-03-28T03:30", Office, out _, out var error));
        Assert.Equal("Error.SendTimeNotInOffice", error);
    }
}
