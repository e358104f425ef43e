using BackOffice.Data.Domain.CertificateTypes;

namespace BackOffice.Data.Domain.Applications;

/// <summary>Checks a certificate type's eligibility rule against an application's person.</summary>
public static class Eligibility
{
    public static bool IsSatisfied(Application application, DateOnly today) =>
        IsEligible(application.CertificateType, application.Person, application.OrganisationId, today);

    /// <summary>Whether the person may hold the type when applying through <paramref name="organisationId"/>.</summary>
    public static bool IsEligible(CertificateType type, Persons.Person person, Guid? organisationId, DateOnly today) =>
        type.Eligibility switch
        {
            EligibilityRule.FinnishCitizenOrResident => IsFinnishCitizenOrResident(person, today),
            EligibilityRule.ConfirmedEmployment => organisationId is { } org
                && person.Employments.Any(e => e.OrganisationId == org && e.IsConfirmed),
            _ => true,
        };

    /// <summary>Seed 001: a Finnish citizen, or a foreign national with a Finnish home municipality and a valid
    /// residence permit or card, or a registered right of residence.</summary>
    public static bool IsFinnishCitizenOrResident(Persons.Person person, DateOnly today) =>
        person.Citizenship == "FI"
        || (!string.IsNullOrWhiteSpace(person.HomeMunicipality)
            && (person.ResidencePermitValidUntil >= today || person.HasRegisteredRightOfResidence));
}
