using System.Globalization;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Organisations;

namespace BackOffice.Data.Domain.Persons;

/// <summary>A person who applies for certificates (an "employee" in the seeds).</summary>
public class Person : AggregateRoot
{
    private readonly List<Employment> _employments = [];

    private Person() { }

    public Person(string firstNames, string lastName, DateOnly dateOfBirth, string? nationalIdentityNumber,
        string citizenship, string? homeMunicipality, string email, string? phone, string preferredLanguage = "fi")
    {
        if (string.IsNullOrWhiteSpace(firstNames) || string.IsNullOrWhiteSpace(lastName))
            throw new DomainException(ErrorCodes.PersonNameRequired, "A person needs first names and a last name.");
        if (!string.IsNullOrWhiteSpace(nationalIdentityNumber) && citizenship == "FI"
            && !FinnishPersonalIdentityCode.IsValid(nationalIdentityNumber))
            throw new DomainException(ErrorCodes.InvalidPersonalIdentityCode, "The Finnish personal identity code is not valid.");
        Id = Guid.NewGuid();
        FirstNames = firstNames.Trim();
        LastName = lastName.Trim();
        DateOfBirth = dateOfBirth;
        NationalIdentityNumber = string.IsNullOrWhiteSpace(nationalIdentityNumber) ? null : nationalIdentityNumber.Trim().ToUpperInvariant();
        Citizenship = citizenship.Trim().ToUpperInvariant();
        HomeMunicipality = string.IsNullOrWhiteSpace(homeMunicipality) ? null : homeMunicipality.Trim();
        Email = email.Trim();
        Phone = phone?.Trim();
        PreferredLanguage = preferredLanguage;
    }

    public Guid Id { get; private set; }
    public string FirstNames { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }
    public string? NationalIdentityNumber { get; private set; }
    /// <summary>ISO 3166-1 alpha-2 code, e.g. FI, SE, GR.</summary>
    public string Citizenship { get; private set; } = "";
    /// <summary>Home municipality in Finland, when the person has one.</summary>
    public string? HomeMunicipality { get; private set; }
    public DateOnly? ResidencePermitValidUntil { get; private set; }
    public bool HasRegisteredRightOfResidence { get; private set; }
    public string Email { get; private set; } = "";
    public string? Phone { get; private set; }
    /// <summary>Language of the mail the person receives: en, sv or fi.</summary>
    public string PreferredLanguage { get; private set; } = "fi";
    public IReadOnlyList<Employment> Employments => _employments;

    public string FullName => $"{FirstNames} {LastName}";

    public void SetResidence(DateOnly? permitValidUntil, bool registeredRightOfResidence)
    {
        ResidencePermitValidUntil = permitValidUntil;
        HasRegisteredRightOfResidence = registeredRightOfResidence;
    }

    public Employment RequestEmployment(Organisation organisation, DateOnly startDate, DateTimeOffset at)
    {
        if (_employments.Any(e => e.OrganisationId == organisation.Id && e.EndDate is null))
            throw new DomainException(ErrorCodes.EmploymentExists, "The person already has an employment with this organisation.");
        var employment = new Employment(Id, organisation, startDate, at);
        _employments.Add(employment);
        return employment;
    }

    /// <summary>How far ahead an employment's end may be recorded (a notice period the organisation told of), from today.</summary>
    public const int LongestEmploymentEndAheadDays = 366;

    /// <summary>
    /// Records that the person's current employment with the organisation ended, or ends (told by the organisation): not before it
    /// started, and at most <see cref="LongestEmploymentEndAheadDays"/> days after <paramref name="today"/> (the office's date).
    /// </summary>
    public Employment EndEmployment(Guid organisationId, DateOnly endDate, DateOnly today, Actor by, DateTimeOffset at)
    {
        var employment = _employments.FirstOrDefault(e => e.OrganisationId == organisationId && e.EndDate is null)
            ?? throw new DomainException(ErrorCodes.EmploymentNotFound, "The person has no current employment with that organisation.");
        if (endDate > today.AddDays(LongestEmploymentEndAheadDays))
            throw new DomainException(ErrorCodes.EmploymentEndTooFar, "The end date may be at most a year ahead.");
        employment.End(endDate);
        Audit(AuditEvent.Create(at, by, AuditActions.EmploymentEnded, "Employment", employment.Id.ToString(), Id, null, new Dictionary<string, string?>
        {
            ["organisation"] = employment.Organisation?.Name,
            ["endDate"] = endDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        return employment;
    }
}
