using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.Outbox;
using static BackOffice.Tests.Support.ApplicationBuilder;

namespace BackOffice.Tests.Domain;

/// <summary>
/// Every (certificate type, stage, action) triple against an oracle written out by hand from product.md's diagram,
/// first on <see cref="IssuanceProcess"/> itself, then through the <see cref="Application"/> methods.
/// </summary>
public class IssuanceProcessTests
{
    private static readonly Dictionary<string, CertificateType> Types = MakeTypes();

    private static Dictionary<string, CertificateType> MakeTypes()
    {
        var types = ReferenceData.CertificateTypes().ToDictionary(t => t.Code);
        var all = new CertificateType("all", "Every optional stage", IssuanceProcess.OptionalStages, 12, EligibilityRule.None);
        all.AddStepTemplate("First", "Upload the first document.");
        all.AddStepTemplate("Second", "Upload the second document.");
        types["all"] = all;
        types["none"] = new CertificateType("none", "No optional stage", [], 12, EligibilityRule.None);
        return types;
    }

    // The oracle: each line "from action to"; "cancel:" lists the stages a cancel may leave. Anything not listed is forbidden.
    private static readonly Dictionary<string, string> Allowed = new()
    {
        [ReferenceData.ServiceCertificate] = """
            Submitted StartProcessing AwaitingDocuments
            AwaitingDocuments CompleteDocuments AwaitingInvoiceRecipient
            AwaitingDocuments ReturnForCompletion ReturnedForCompletion
            ReturnedForCompletion ResumeDocuments AwaitingDocuments
            AwaitingInvoiceRecipient RecordInvoiceRecipient AwaitingFinalReview
            AwaitingFinalReview Issue Issued
            AwaitingFinalReview Refuse Rejected
            cancel: Submitted AwaitingDocuments ReturnedForCompletion AwaitingInvoiceRecipient AwaitingFinalReview
            """,
        [ReferenceData.CitizenCertificate] = """
            Submitted StartProcessing AwaitingDataVerification
            AwaitingDataVerification RecordDataVerification AwaitingFinalReview
            AwaitingFinalReview Issue Issued
            AwaitingFinalReview Refuse Rejected
            cancel: Submitted AwaitingDataVerification AwaitingFinalReview
            """,
        [ReferenceData.PublicServantCertificate] = """
            Submitted StartProcessing AwaitingDataVerification
            AwaitingDataVerification RecordDataVerification AwaitingApproval
            AwaitingApproval RecordApproval AwaitingSignature
            AwaitingSignature RecordSignature AwaitingFinalReview
            AwaitingFinalReview Issue Issued
            AwaitingFinalReview Refuse Rejected
            cancel: Submitted AwaitingDataVerification AwaitingApproval AwaitingSignature AwaitingFinalReview
            """,
        [ReferenceData.ExternalFgasCertificate] = """
            Submitted StartProcessing AwaitingDocuments
            AwaitingDocuments CompleteDocuments AwaitingAttestation
            AwaitingDocuments ReturnForCompletion ReturnedForCompletion
            ReturnedForCompletion ResumeDocuments AwaitingDocuments
            AwaitingAttestation RecordAttestation AwaitingInvoiceRecipient
            AwaitingInvoiceRecipient RecordInvoiceRecipient AwaitingFinalReview
            AwaitingFinalReview Issue Issued
            AwaitingFinalReview Refuse Rejected
            cancel: Submitted AwaitingDocuments ReturnedForCompletion AwaitingAttestation AwaitingInvoiceRecipient AwaitingFinalReview
            """,
        ["all"] = """
            Submitted StartProcessing AwaitingDataVerification
            AwaitingDataVerification RecordDataVerification AwaitingApproval
            AwaitingApproval RecordApproval AwaitingDocuments
            AwaitingDocuments CompleteDocuments AwaitingAttestation
            AwaitingDocuments ReturnForCompletion ReturnedForCompletion
            ReturnedForCompletion ResumeDocuments AwaitingDocuments
            AwaitingAttestation RecordAttestation AwaitingInvoiceRecipient
            AwaitingInvoiceRecipient RecordInvoiceRecipient AwaitingSignature
            AwaitingSignature RecordSignature AwaitingFinalReview
            AwaitingFinalReview Issue Issued
            AwaitingFinalReview Refuse Rejected
            cancel: Submitted AwaitingDataVerification AwaitingApproval AwaitingDocuments ReturnedForCompletion AwaitingAttestation AwaitingInvoiceRecipient AwaitingSignature AwaitingFinalReview
            """,
        ["none"] = """
            Submitted StartProcessing AwaitingFinalReview
            AwaitingFinalReview Issue Issued
            AwaitingFinalReview Refuse Rejected
            cancel: Submitted AwaitingFinalReview
            """,
    };

    private static readonly Dictionary<(string, ApplicationStage, IssuanceAction), ApplicationStage> Oracle = ParseOracle();

    private static Dictionary<(string, ApplicationStage, IssuanceAction), ApplicationStage> ParseOracle()
    {
        var oracle = new Dictionary<(string, ApplicationStage, IssuanceAction), ApplicationStage>();
        foreach (var (type, text) in Allowed)
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words[0] == "cancel:")
                    foreach (var stage in words.Skip(1))
                        oracle.Add((type, Enum.Parse<ApplicationStage>(stage), IssuanceAction.CancelIssuance), ApplicationStage.Cancelled);
                else
                    oracle.Add((type, Enum.Parse<ApplicationStage>(words[0]), Enum.Parse<IssuanceAction>(words[1])), Enum.Parse<ApplicationStage>(words[2]));
            }
        return oracle;
    }

    public static TheoryData<string, ApplicationStage, IssuanceAction> EveryTriple()
    {
        var data = new TheoryData<string, ApplicationStage, IssuanceAction>();
        foreach (var type in Allowed.Keys)
            foreach (var stage in Enum.GetValues<ApplicationStage>())
                foreach (var action in Enum.GetValues<IssuanceAction>())
                    data.Add(type, stage, action);
        return data;
    }

    /// <summary>The stages an application of the type can actually be in (a skipped stage cannot be reached).</summary>
    public static TheoryData<string, ApplicationStage, IssuanceAction> EveryReachableTriple()
    {
        var data = new TheoryData<string, ApplicationStage, IssuanceAction>();
        foreach (var type in Allowed.Keys)
        {
            var reachable = Oracle.Keys.Where(k => k.Item1 == type).Select(k => k.Item2)
                .Concat([ApplicationStage.Issued, ApplicationStage.Cancelled, ApplicationStage.Rejected]).Distinct();
            foreach (var stage in reachable)
                foreach (var action in Enum.GetValues<IssuanceAction>())
                    data.Add(type, stage, action);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTriple))]
    public void Target_IsWhatTheOracleSays(string type, ApplicationStage stage, IssuanceAction action)
    {
        ApplicationStage? expected = Oracle.TryGetValue((type, stage, action), out var to) ? to : null;
        Assert.Equal(expected, IssuanceProcess.Target(Types[type], stage, action));
        Assert.Equal(expected is not null, IssuanceProcess.IsAllowed(Types[type], stage, action));
        Assert.Equal(expected is not null, IssuanceProcess.AllowedActions(Types[type], stage).Contains(action));
    }

    private static readonly IssuanceAction[] DocumentLoop = [IssuanceAction.CompleteDocuments, IssuanceAction.ReturnForCompletion, IssuanceAction.ResumeDocuments];

    [Theory]
    [MemberData(nameof(EveryReachableTriple))]
    public void ApplicationMethod_MovesOnlyWhereTheOracleAllows(string type, ApplicationStage stage, IssuanceAction action)
    {
        var app = InStage(Types[type], stage);
        Assert.Equal(stage, app.Stage);
        var (history, audit, mail) = (app.History.Count, app.PendingAuditEvents.Count, app.PendingMail.Count);

        if (Oracle.TryGetValue((type, stage, action), out var expected))
        {
            Take(app, action);
            Assert.Equal(expected, app.Stage);
            Assert.Contains(app.PendingAuditEvents.Skip(audit), e => e.Action == "application.stage-changed"
                && e.Details.Contains($"\"to\":\"{expected}\"") && e.Details.Contains($"\"action\":\"{action}\""));
            return;
        }
        // The document loop's moves follow from a review or an upload, which may itself be fine where the move is not.
        var error = Record.Exception(() => Take(app, action));
        if (!DocumentLoop.Contains(action)) Assert.IsType<DomainException>(error);
        else if (error is not null) Assert.IsType<DomainException>(error);
        Assert.Equal(stage, app.Stage);
        Assert.DoesNotContain(app.PendingAuditEvents.Skip(audit), e => e.Action == "application.stage-changed");
        if (error is not null) Assert.Equal((history, audit, mail), (app.History.Count, app.PendingAuditEvents.Count, app.PendingMail.Count));
    }

    private static void Take(Application app, IssuanceAction action)
    {
        var at = Start.AddDays(30);
        var firstStep = app.Steps.FirstOrDefault()?.Id ?? Guid.NewGuid();
        switch (action)
        {
            case IssuanceAction.StartProcessing: app.StartProcessing(Admin, at); break;
            case IssuanceAction.RecordDataVerification: app.RecordDataVerification(Portal, at, "Verified"); break;
            case IssuanceAction.RecordApproval: app.RecordApproval(Portal, at, "Approved"); break;
            case IssuanceAction.CompleteDocuments:
                foreach (var step in app.Steps) app.ApproveStep(step.Id, Reviewer, at);
                if (app.Steps.Count == 0) app.ApproveStep(firstStep, Reviewer, at);
                break;
            case IssuanceAction.ReturnForCompletion: app.RejectStep(firstStep, "The copy is not readable.", Reviewer, at); break;
            case IssuanceAction.ResumeDocuments: app.UploadStepFile(firstStep, File(), Admin, at); break;
            case IssuanceAction.RecordAttestation: app.RecordAttestation(Portal, at, "Attested"); break;
            case IssuanceAction.RecordInvoiceRecipient: app.RecordInvoiceRecipient(new InvoiceRecipient(InvoiceRecipientKind.Employer), Portal, at); break;
            case IssuanceAction.RecordSignature: app.RecordSignature(Portal, at, "Signed"); break;
            case IssuanceAction.Issue: app.Issue("C-2026-0000002", "00112233445566778899AABBCCDDEEFF", FinalReviewer, at); break;
            case IssuanceAction.Refuse: app.Refuse("The employment has ended.", FinalReviewer, at); break;
            case IssuanceAction.CancelIssuance: app.CancelIssuance(Admin, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    [Fact]
    public void Oracle_CoversEveryTypeAndAction()
    {
        Assert.Equal(Types.Keys.Order(), Allowed.Keys.Order());
        var used = Oracle.Keys.Select(k => k.Item3).ToHashSet();
        Assert.Equal(Enum.GetValues<IssuanceAction>().Order(), used.Order());
    }

    [Fact]
    public void Path_SkipsTheStagesATypeDoesNotUse()
    {
        Assert.Equal(
            [ApplicationStage.Submitted, ApplicationStage.AwaitingDataVerification, ApplicationStage.AwaitingApproval,
             ApplicationStage.AwaitingSignature, ApplicationStage.AwaitingFinalReview, ApplicationStage.Issued],
            IssuanceProcess.Path(Types[ReferenceData.PublicServantCertificate]));
        Assert.Equal(
            [ApplicationStage.Submitted, ApplicationStage.AwaitingDataVerification, ApplicationStage.AwaitingFinalReview, ApplicationStage.Issued],
            IssuanceProcess.Path(Types[ReferenceData.CitizenCertificate]));
    }

    [Fact]
    public void CancelIssuance_RecordsTheDecisionTheHistoryLineTheAuditEventAndTheMail()
    {
        var app = InStage(Types[ReferenceData.PublicServantCertificate], ApplicationStage.AwaitingSignature);
        var at = Start.AddDays(3);
        app.CancelIssuance(Admin, at);

        Assert.Equal(ApplicationStage.Cancelled, app.Stage);
        Assert.Equal(at, app.StageChangedAt);
        var line = app.History[^1];
        Assert.Equal((HistoryKind.IssuanceCancelled, "Maria Virtanen", Admin.UserId), (line.Kind, line.ActorName, line.ActorId));
        Assert.Equal(DecisionKind.Cancelled, app.Decisions.Single().Kind);
        var mail = Assert.Single(app.PendingMail);
        Assert.Equal((MailTemplate.IssuanceCancelled, app.Person.Email, app.RegistryNumber), (mail.Template, mail.ToAddress, mail.RegistryNumber));
        Assert.Contains(app.PendingAuditEvents, e => e.Action == "application.stage-changed" && e.ActorName == "Maria Virtanen");
    }

    [Fact]
    public void CancelIssuance_OfAnIssuedCertificate_SaysToRevokeInstead()
    {
        var app = InStage(Types[ReferenceData.ServiceCertificate], ApplicationStage.Issued);
        var e = Assert.Throws<DomainException>(() => app.CancelIssuance(Admin, Start.AddDays(40)));
        Assert.Equal("Error.CannotCancelIssued", e.Code);
    }

    [Fact]
    public void RecordOutsideEvent_WithANote_KeepsTheNoteInTheHistory()
    {
        var app = InStage(Types[ReferenceData.PublicServantCertificate], ApplicationStage.AwaitingApproval);
        app.RecordOutsideEvent(new OutsideEvent(IssuanceAction.RecordApproval, "  Approved by the head of unit  "), Admin, Start.AddDays(2));
        Assert.Equal(ApplicationStage.AwaitingSignature, app.Stage);
        Assert.Equal((HistoryKind.ApprovalRecorded, "Approved by the head of unit"), (app.History[^1].Kind, app.History[^1].Detail));
    }

    [Fact]
    public void RecordOutsideEvent_OfAnOfficeAction_IsRefused()
    {
        var app = InStage(Types[ReferenceData.PublicServantCertificate], ApplicationStage.AwaitingFinalReview);
        var e = Assert.Throws<DomainException>(() => app.RecordOutsideEvent(new OutsideEvent(IssuanceAction.Issue, null), Admin, Start.AddDays(2)));
        Assert.Equal("Error.NotAnOutsideEvent", e.Code);
    }

    [Fact]
    public void RecordInvoiceRecipient_AlternativeAddressWithoutCity_IsRefusedAndNothingChanges()
    {
        var app = InStage(Types[ReferenceData.ExternalFgasCertificate], ApplicationStage.AwaitingInvoiceRecipient);
        var e = Assert.Throws<DomainException>(() => app.RecordInvoiceRecipient(
            new InvoiceRecipient(InvoiceRecipientKind.AlternativeAddress, "Main street 1", Country: "FI", Postcode: "00100"), Admin, Start.AddDays(2)));
        Assert.Equal("Error.InvoiceRecipientIncomplete", e.Code);
        Assert.Null(app.InvoiceRecipient);
        Assert.Equal(ApplicationStage.AwaitingInvoiceRecipient, app.Stage);
    }

    [Fact]
    public void RecordInvoiceRecipient_Employer_WhenTheApplicationNamesNoOrganisation_IsRefused()
    {
        var (person, _) = NewApplicant();
        var app = InStage(Types[ReferenceData.ServiceCertificate], ApplicationStage.AwaitingDocuments, person: person, organisation: null);
        foreach (var step in app.Steps) app.ApproveStep(step.Id, Reviewer, Start.AddDays(1));
        var e = Assert.Throws<DomainException>(() => app.RecordInvoiceRecipient(new InvoiceRecipient(InvoiceRecipientKind.Employer), Admin, Start.AddDays(2)));
        Assert.Equal("Error.InvoiceRecipientNoEmployer", e.Code);
    }
}
