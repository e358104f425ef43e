using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.StandardNotes;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

/// <summary>The seeds' four certificate types and the office's first standard notes, in English, Swedish and Finnish:
/// reference data in every environment, added when missing (the System administrator edits them afterwards).</summary>
public static class ReferenceData
{
    public const string ServiceCertificate = "service";
    public const string CitizenCertificate = "citizen";
    public const string PublicServantCertificate = "public-servant";
    public const string ExternalFgasCertificate = "external-fgas-v";

    public static IEnumerable<CertificateType> CertificateTypes()
    {
        var service = Named(new CertificateType(ServiceCertificate, "Service certificate",
            [ApplicationStage.AwaitingDocuments, ApplicationStage.AwaitingInvoiceRecipient], 24, EligibilityRule.None),
            "Servercertifikat", "Palvelinvarmenne");
        service.AddStepTemplate("Certificate signing request", "Begäran om certifikatsignering", "Varmennepyyntö",
            "Upload the certificate signing request of the service as a PDF printout or image.",
            "Ladda upp tjänstens begäran om certifikatsignering som en PDF-utskrift eller bild.",
            "Lataa palvelun varmennepyyntö PDF-tulosteena tai kuvana.");
        service.AddStepTemplate("Authorisation from the organisation", "Fullmakt från organisationen", "Organisaation valtuutus",
            "Upload the signed authorisation of the organisation's representative.",
            "Ladda upp den undertecknade fullmakten från organisationens företrädare.",
            "Lataa organisaation edustajan allekirjoittama valtuutus.");
        yield return service;

        yield return Named(new CertificateType(CitizenCertificate, "Citizen certificate",
            [ApplicationStage.AwaitingDataVerification], 60, EligibilityRule.FinnishCitizenOrResident),
            "Medborgarcertifikat", "Kansalaisvarmenne");

        yield return Named(new CertificateType(PublicServantCertificate, "Digital certificate for public servants",
            [ApplicationStage.AwaitingDataVerification, ApplicationStage.AwaitingApproval, ApplicationStage.AwaitingSignature],
            36, EligibilityRule.ConfirmedEmployment),
            "Digitalt certifikat för offentligt anställda", "Virkamiesten digitaalinen varmenne");

        var external = Named(new CertificateType(ExternalFgasCertificate, "External certificate — F-gas category V",
            [ApplicationStage.AwaitingDocuments, ApplicationStage.AwaitingAttestation, ApplicationStage.AwaitingInvoiceRecipient],
            60, EligibilityRule.None),
            "Externt certifikat — F-gas kategori V", "Ulkoinen pätevyystodistus — F-kaasu luokka V");
        external.AddStepTemplate("Copy of active external certificate", "Kopia av giltigt externt certifikat", "Kopio voimassa olevasta ulkoisesta todistuksesta",
            "Upload a PDF or an image of good quality of your active external certificate.",
            "Ladda upp en PDF eller en bild av god kvalitet av ditt giltiga externa certifikat.",
            "Lataa hyvälaatuinen PDF tai kuva voimassa olevasta ulkoisesta todistuksestasi.");
        yield return external;
    }

    /// <summary>The notes an office writes most, one set per recordable action.</summary>
    public static IEnumerable<StandardNote> StandardNotes() =>
    [
        new(IssuanceAction.StartProcessing, "Application complete, processing started", "Ansökan komplett, handläggningen har inletts", "Hakemus on täydellinen, käsittely aloitettu"),
        new(IssuanceAction.RecordDataVerification, "Checked against the Population Information System", "Kontrollerat mot befolkningsdatasystemet", "Tarkistettu väestötietojärjestelmästä"),
        new(IssuanceAction.RecordDataVerification, "Identity verified in person", "Identiteten kontrollerad personligen", "Henkilöllisyys todennettu henkilökohtaisesti"),
        new(IssuanceAction.RecordApproval, "Approved by the employer", "Godkänt av arbetsgivaren", "Työnantaja on hyväksynyt"),
        new(IssuanceAction.RecordAttestation, "The applicant attested the commitment", "Sökanden har intygat förbindelsen", "Hakija on vahvistanut sitoumuksen"),
        new(IssuanceAction.RecordInvoiceRecipient, "Invoice recipient given by the applicant", "Fakturamottagaren angiven av sökanden", "Hakija ilmoitti laskun vastaanottajan"),
        new(IssuanceAction.RecordSignature, "Signed in the public portal", "Undertecknad i den offentliga portalen", "Allekirjoitettu julkisessa asiointipalvelussa"),
    ];

    public static async Task EnsureAsync(BackOfficeDbContext db, CancellationToken ct = default)
    {
        var existing = await db.CertificateTypes.Select(t => t.Code).ToListAsync(ct);
        db.CertificateTypes.AddRange(CertificateTypes().Where(t => !existing.Contains(t.Code)));
        if (!await db.StandardNotes.AnyAsync(ct)) db.StandardNotes.AddRange(StandardNotes());
        await db.SaveChangesAsync(ct);
    }

    private static CertificateType Named(CertificateType type, string sv, string fi)
    {
        type.Rename(type.Name, sv, fi);
        return type;
    }
}
