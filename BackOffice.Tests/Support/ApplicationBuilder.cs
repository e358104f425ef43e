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

    /// <summary>Who does what while an application is driven: the office's staff and the outside (portal, applicant).</summary>
    public sealed record Cast(Actor Registrar, Actor Uploader, Actor Reviewer, Actor FinalReviewer, Actor Outside);

    public static readonly Cast Office = new(Admin, Admin, Reviewer, FinalReviewer, Portal);

    public static Application InStage(CertificateType type, ApplicationStage stage, string registryNumber = "BO/2026/000001",
        Person? person = null, Organisation? organisation = null)
    {
        if (person is null) (person, organisation) = NewApplicant();
        var app = Application.Register(registryNumber, person, type, organisation, Office.Registrar, Start);
        DriveTo(app, stage, Office, _ => File(), Start, TimeSpan.FromHours(1), uploadOnArrival: true);
        return app;
    }

    /// <summary>
    /// Drives an application to <paramref name="stage"/> through the model's real transitions, one action every
    /// <paramref name="interval"/> after <paramref name="at"/>; documents come from <paramref name="file"/>. With
    /// <paramref name="uploadOnArrival"/> an application left in AwaitingDocuments has its files uploaded (awaiting review).
    /// </summary>
    public static void DriveTo(Application app, ApplicationStage stage, Cast cast, Func<Step, StoredFile> file, DateTimeOffset at,
        TimeSpan interval, bool uploadOnArrival)
    {
        var stopAt = stage switch
        {
            ApplicationStage.Cancelled => ApplicationStage.Submitted,
            ApplicationStage.Rejected or ApplicationStage.Issued => ApplicationStage.AwaitingFinalReview,
            _ => stage,
        };
        while (app.Stage != stopAt)
        {
            at += interval;
            switch (app.Stage)
            {
                case ApplicationStage.Submitted: app.StartProcessing(cast.Registrar, at); break;
                case ApplicationStage.AwaitingDataVerification: app.RecordDataVerification(cast.Outside, at, "Verified against the registries"); break;
                case ApplicationStage.AwaitingApproval: app.RecordApproval(cast.Outside, at, "Approved by the employer"); break;
                case ApplicationStage.AwaitingDocuments:
                    UploadMissing(app, cast.Uploader, file, at);
                    if (stopAt == ApplicationStage.ReturnedForCompletion)
                        app.RejectStep(app.Steps[0].Id, "The copy is not readable.", cast.Reviewer, at);
                    else
                        foreach (var step in app.Steps) app.ApproveStep(step.Id, cast.Reviewer, at);
                    break;
                case ApplicationStage.AwaitingAttestation: app.RecordAttestation(cast.Outside, at, "Attested"); break;
                case ApplicationStage.AwaitingInvoiceRecipient: app.RecordInvoiceRecipient(new InvoiceRecipient(InvoiceRecipientKind.Private), cast.Outside, at); break;
                case ApplicationStage.AwaitingSignature: app.RecordSignature(cast.Outside, at, "Signed"); break;
                default: throw new InvalidOperationException($"Cannot drive an application from {app.Stage} to {stage}.");
            }
        }
        if (uploadOnArrival && app.Stage == ApplicationStage.AwaitingDocuments) UploadMissing(app, cast.Uploader, file, at);
        if (stage == ApplicationStage.Cancelled) app.CancelIssuance(cast.Registrar, at + interval);
        if (stage == ApplicationStage.Rejected) app.Refuse("Not eligible.", cast.FinalReviewer, at + interval);
        if (stage == ApplicationStage.Issued) app.Issue("C-2026-0000001", "0123456789ABCDEF0123456789ABCDEF", cast.FinalReviewer, at + interval);
    }

    public static StoredFile File(string name = "copy.pdf") => new("key-" + Guid.NewGuid().ToString("N"), name, "application/pdf", 1234, new string('a', 64));

    private static void UploadMissing(Application app, Actor by, Func<Step, StoredFile> file, DateTimeOffset at)
    {
        foreach (var step in app.Steps.Where(s => s.Status == StepStatus.AwaitingFile))
            app.UploadStepFile(step.Id, file(step), by, at);
    }
}
