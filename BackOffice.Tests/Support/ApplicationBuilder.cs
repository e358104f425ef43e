using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Steps;

namespace BackOffice.Tests.Support;

/// <summary>Builds an application in any stage by driving the model's real transitions (no database needed).</summary>
public static class ApplicationBuilder
{
    public static readonly Actor Admin = new(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "Maria Virtanen");
    public static readonly Actor Reviewer = new(Guid.Parse("00000000-0000-0000-0000-0000000000b1"), "Johan Lindqvist");
    public static readonly Actor FinalReviewer = new(Guid.Parse("00000000-0000-0000-0000-0000000000b2"), "Eleni Georgiou");
    public static readonly Actor Portal = Actor.System("Public portal");
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A Finnish citizen with a confirmed employment: eligible for every reference type.</summary>
    public static (Person Person, Organisation Organisation) NewApplicant(string lastName = "Mäkinen", string organisationNumber = "0201256-6")
    {
        var organisation = new Organisation("Helsingin kaupunki", organisationNumber);
        var person = new Person("Mikko", lastName, new DateOnly(1980, 1, 1), null, "FI", "Helsinki", $"mikko.{Guid.NewGuid():N}@example.test", null, "fi");
        person.RequestEmployment(organisation, new DateOnly(2020, 1, 1), Start.AddDays(-100)).Confirm(Start.AddDays(-90));
        return (person, organisation);
    }

    public static Application InStage(CertificateType type, ApplicationStage stage, string registryNumber = "BO/2026/000001",
        Person? person = null, Organisation? organisation = null)
    {
        if (person is null) (person, organisation) = NewApplicant();
        var at = Start;
        var app = Application.Register(registryNumber, person, type, organisation, Admin, at);
        var stopAt = stage switch
        {
            ApplicationStage.Cancelled => ApplicationStage.Submitted,
            ApplicationStage.Rejected or ApplicationStage.Issued => ApplicationStage.AwaitingFinalReview,
            _ => stage,
        };
        while (app.Stage != stopAt)
        {
            at = at.AddHours(1);
            switch (app.Stage)
            {
                case ApplicationStage.Submitted: app.StartProcessing(Admin, at); break;
                case ApplicationStage.AwaitingDataVerification: app.RecordDataVerification(Portal, at, "Verified against the registries"); break;
                case ApplicationStage.AwaitingApproval: app.RecordApproval(Portal, at, "Approved by the employer"); break;
                case ApplicationStage.AwaitingDocuments when stopAt == ApplicationStage.ReturnedForCompletion:
                    app.RejectStep(app.Steps[0].Id, "The copy is not readable.", Reviewer, at); break;
                case ApplicationStage.AwaitingDocuments:
                    foreach (var step in app.Steps) app.ApproveStep(step.Id, Reviewer, at);
                    break;
                case ApplicationStage.AwaitingAttestation: app.RecordAttestation(Portal, at, "Attested"); break;
                case ApplicationStage.AwaitingInvoiceRecipient: app.RecordInvoiceRecipient(new InvoiceRecipient(InvoiceRecipientKind.Private), Portal, at); break;
                case ApplicationStage.AwaitingSignature: app.RecordSignature(Portal, at, "Signed"); break;
                default: throw new InvalidOperationException($"Cannot drive an application from {app.Stage} to {stage}.");
            }
            if (app.Stage == ApplicationStage.AwaitingDocuments) UploadMissing(app, at);
        }
        if (app.Stage == ApplicationStage.AwaitingDocuments) UploadMissing(app, at);
        if (stage == ApplicationStage.Cancelled) app.CancelIssuance(Admin, at.AddHours(1));
        if (stage == ApplicationStage.Rejected) app.Refuse("Not eligible.", FinalReviewer, at.AddHours(1));
        if (stage == ApplicationStage.Issued) app.Issue("C-2026-0000001", "0123456789ABCDEF0123456789ABCDEF", FinalReviewer, at.AddHours(1));
        return app;
    }

    public static StoredFile File(string name = "copy.pdf") => new("key-" + Guid.NewGuid().ToString("N"), name, "application/pdf", 1234, new string('a', 64));

    private static void UploadMissing(Application app, DateTimeOffset at)
    {
        foreach (var step in app.Steps.Where(s => s.Status == StepStatus.AwaitingFile))
            app.UploadStepFile(step.Id, File(), Admin, at);
    }
}
