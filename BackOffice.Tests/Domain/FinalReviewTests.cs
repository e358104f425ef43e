using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Tests.Domain;

/// <summary>The four-eyes rule and the issued certificate, in the model itself (no database).</summary>
public class FinalReviewTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Registrar = new(Guid.NewGuid(), "Maria Virtanen");
    private static readonly Actor Approver = new(Guid.NewGuid(), "Johan Lindqvist");
    private static readonly Actor Other = new(Guid.NewGuid(), "Eleni Georgiou");
    private static readonly Actor Applicant = Actor.System("Applicant");

    /// <summary>An F-gas application at final review: registered by Maria, its step approved by Johan.</summary>
    private static Application AtFinalReview()
    {
        var type = ReferenceData.CertificateTypes().Single(t => t.Code == ReferenceData.ExternalFgasCertificate);
        var person = new Person("Åsa", "Öberg", new DateOnly(1980, 5, 17), null, "FI", "Helsinki", "asa@example.test", null, "sv");
        var application = Application.Register("BO/2026/000001", person, type, null, Registrar, At);
        application.StartProcessing(Registrar, At);
        var step = application.Steps.Single();
        application.UploadStepFile(step.Id, new StoredFile("2026/11/x", "scan.pdf", "application/pdf", 100, new string('0', 64)), Applicant, At);
        application.ApproveStep(step.Id, Approver, At);
        application.RecordAttestation(Applicant, At);
        application.RecordInvoiceRecipient(new InvoiceRecipient(InvoiceRecipientKind.Private), Applicant, At);
        return application;
    }

    /// <summary>The query form the reviewer's home page marks with gives the same answer as the rule itself, for each kind of reviewer.</summary>
    [Fact]
    public void BarsFinalReviewer_AgreesWithFinalReviewerConflict()
    {
        var application = AtFinalReview();
        foreach (var reviewer in new[] { Registrar, Approver, Other })
            Assert.Equal(application.FinalReviewerConflict(reviewer.UserId, allowSameReviewer: false) is not null,
                Application.BarsFinalReviewer(reviewer.UserId!.Value).Compile()(application));
    }

    [Fact]
    public void FinalReviewerConflict_NamesWhyTheRegistrarOrAnApproverMayNot()
    {
        var application = AtFinalReview();
        Assert.Equal(ApplicationStage.AwaitingFinalReview, application.Stage);
        Assert.Equal("Error.FourEyesRegistered", application.FinalReviewerConflict(Registrar.UserId, allowSameReviewer: false));
        Assert.Equal("Error.FourEyesApprovedStep", application.FinalReviewerConflict(Approver.UserId, allowSameReviewer: false));
        Assert.Null(application.FinalReviewerConflict(Other.UserId, allowSameReviewer: false));
        Assert.Null(application.FinalReviewerConflict(Approver.UserId, allowSameReviewer: true));
    }

    [Fact]
    public void Issue_ByTheApprover_Throws_AndChangesNothing()
    {
        var application = AtFinalReview();
        var e = Assert.Throws<DomainException>(() => application.Issue("C-2026-0000001", "00", Approver, At));
        Assert.Equal("Error.FourEyesApprovedStep", e.Code);
        Assert.Equal(ApplicationStage.AwaitingFinalReview, application.Stage);
        Assert.Empty(application.Decisions);
    }

    [Fact]
    public void Refuse_ByTheRegistrar_Throws_UnlessAllowed()
    {
        Assert.Equal("Error.FourEyesRegistered", Assert.Throws<DomainException>(() => AtFinalReview().Refuse("No.", Registrar, At)).Code);
        var allowed = AtFinalReview();
        allowed.Refuse("No.", Registrar, At, allowSameReviewer: true);
        Assert.Equal(ApplicationStage.Rejected, allowed.Stage);
    }

    [Fact]
    public void Issue_ByAnotherReviewer_MakesAnActiveCertificate_ValidForTheTypesMonths()
    {
        var application = AtFinalReview();
        var serial = BackOffice.Data.Domain.Certificates.Certificate.NewSerialNumber();
        var certificate = application.Issue("C-2026-0000001", serial, Other, At);
        Assert.Equal(("C-2026-0000001", serial, At, At.AddMonths(60)), (certificate.Number, certificate.SerialNumber, certificate.IssuedAt, certificate.ValidUntil));
        Assert.Matches("^[0-9A-F]{32}$", serial);
        Assert.Equal(DecisionKind.Issued, application.Decisions.Single().Kind);
    }

    [Fact]
    public void StepAcceptingFile_RefusesAnApprovedStep_BeforeAnythingIsStored()
    {
        var application = AtFinalReview();
        Assert.Equal("Error.NotAcceptingDocuments", Assert.Throws<DomainException>(() => application.StepAcceptingFile(application.Steps[0].Id)).Code);
    }
}
