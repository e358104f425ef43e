namespace BackOffice.Data.Domain.CertificateTypes;

/// <summary>Who may hold a certificate of a type.</summary>
public enum EligibilityRule
{
    /// <summary>Anyone whose application passes review.</summary>
    None = 0,
    /// <summary>Seed 001: a Finnish citizen, or a foreign national with a Finnish home municipality and a valid
    /// residence permit or card, or a registered right of residence.</summary>
    FinnishCitizenOrResident = 1,
    /// <summary>Seed 002: a confirmed employment with the organisation the application names.</summary>
    ConfirmedEmployment = 2,
}
