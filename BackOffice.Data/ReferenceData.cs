using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

/// <summary>The seeds' four certificate types: reference data in every environment, added when missing.</summary>
public static class ReferenceData
{
    public const string ServiceCertificate = "service";
    public const string CitizenCertificate = "citizen";
    public const string PublicServantCertificate = "public-servant";
    public const string ExternalFgasCertificate = "external-fgas-v";

    public static IEnumerable<CertificateType> CertificateTypes()
    {
        var service = new CertificateType(ServiceCertificate, "Service certificate",
            [ApplicationStage.AwaitingDocuments, ApplicationStage.AwaitingInvoiceRecipient], 24, EligibilityRule.None);
        service.AddStepTemplate("Certificate signing request", "Upload the certificate signing request of the service as a PDF printout or image.");
        service.AddStepTemplate("Authorisation from the organisation", "Upload the signed authorisation of the organisation's representative.");
        yield return service;

        yield return new CertificateType(CitizenCertificate, "Citizen certificate",
            [ApplicationStage.AwaitingDataVerification], 60, EligibilityRule.FinnishCitizenOrResident);

        yield return new CertificateType(PublicServantCertificate, "Digital certificate for public servants",
            [ApplicationStage.AwaitingDataVerification, ApplicationStage.AwaitingApproval, ApplicationStage.AwaitingSignature],
            36, EligibilityRule.ConfirmedEmployment);

        var external = new CertificateType(ExternalFgasCertificate, "External certificate — F-gas category V",
            [ApplicationStage.AwaitingDocuments, ApplicationStage.AwaitingAttestation, ApplicationStage.AwaitingInvoiceRecipient],
            60, EligibilityRule.None);
        external.AddStepTemplate("Copy of active external certificate", "Upload a PDF or an image of good quality of your active external certificate.");
        yield return external;
    }

    public static async Task EnsureAsync(BackOfficeDbContext db, CancellationToken ct = default)
    {
        var existing = await db.CertificateTypes.Select(t => t.Code).ToListAsync(ct);
        db.CertificateTypes.AddRange(CertificateTypes().Where(t => !existing.Contains(t.Code)));
        await db.SaveChangesAsync(ct);
    }
}
