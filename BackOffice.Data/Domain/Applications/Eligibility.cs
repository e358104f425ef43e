using BackOffice.Data.Domain.CertificateTypes;

namespace BackOffice.Data.Domain.Applications;

/// <summary>Checks a certificate type's eligibility rule against an application's person.</summary>
public static class Eligibility
{
    public static bool IsSatisfied(Application application, DateOnly today) =>
        application.CertificateType.Eligibility switch
        {
            EligibilityRule.FinnishCitizenOrResident => IsFinnishCitizenOrResident(application.Person, today),
            EligibilityRule.ConfirmedEmployment => application.OrganisationId is { } org
                && application.Person.Employments.Any(e => e.OrganisationId == org && e.IsConfirmed),
            _ => true,
        };

    /// <summary>Seed 001: a Finnish citizen, or a foreign national with a Finnish home municipality and a valid
    /// residence permit or card, or a registered right of residence.</summary>
    public static bool IsFinnishCitizenOrResident(Persons.Person person, DateOnly today) =>
        person.Citizenship == "FI"
        || (!string.IsNullOrWhiteSpace(person.HomeMunicipality)
            && (person.ResidencePermitValidUntil >= today || person.HasRegisteredRightOfResidence));
}
