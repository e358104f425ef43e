using BackOffice.Data.Domain.Audit;

namespace BackOffice.Data.Domain.Organisations;

/// <summary>A company or public body; found by its organisation number by exact match only.</summary>
public class Organisation : AggregateRoot
{
    public const int MaxNameLength = 300;

    private Organisation() { }

    /// <summary>
    /// An organisation as reference data makes it (demo data, tests): the number is checked where its country has a check
    /// digit, but nothing is audited. An office's change goes through <see cref="Add"/> and <see cref="Edit"/>.
    /// </summary>
    public Organisation(string name, string organisationNumber, string? country = null)
    {
        Id = Guid.NewGuid();
        Set(name, organisationNumber, country);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string OrganisationNumber { get; private set; } = "";
    /// <summary>ISO 3166-1 alpha-2 code of the country whose register gave the number (FI, SE, GR); null for another country.</summary>
    public string? Country { get; private set; }
    /// <summary>PostgreSQL's xmin: the second of two simultaneous edits fails instead of overwriting the first.</summary>
    public uint Version { get; private set; }

    /// <summary>A System administrator adds an organisation; audited as <c>organisation.added</c>.</summary>
    public static Organisation Add(string name, string organisationNumber, string? country, Actor by, DateTimeOffset at)
    {
        var organisation = new Organisation(name, organisationNumber, country);
        organisation.Audited(AuditActions.OrganisationAdded, by, at, previous: null);
        return organisation;
    }

    /// <summary>Changes name, number and country; audited as <c>organisation.edited</c> with what was there before. Nothing changed, nothing recorded.</summary>
    public bool Edit(string name, string organisationNumber, string? country, Actor by, DateTimeOffset at)
    {
        var previous = (Name, OrganisationNumber, Country);
        Set(name, organisationNumber, country);
        if (previous == (Name, OrganisationNumber, Country)) return false;
        Audited(AuditActions.OrganisationEdited, by, at, previous);
        return true;
    }

    private void Set(string name, string organisationNumber, string? country)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(ErrorCodes.OrganisationNameRequired, "An organisation needs a name.");
        if (name.Trim().Length > MaxNameLength) throw new DomainException(ErrorCodes.FieldTooLong, "The name is too long.");
        var number = OrganisationNumbers.Normalise(country, organisationNumber);
        Name = name.Trim();
        OrganisationNumber = number;
        Country = OrganisationNumbers.CountryCode(country);
    }

    private void Audited(string action, Actor by, DateTimeOffset at, (string Name, string Number, string? Country)? previous)
    {
        var details = new Dictionary<string, string?> { ["name"] = Name, ["number"] = OrganisationNumber, ["country"] = Country };
        if (previous is { } p)
        {
            if (p.Name != Name) details["previousName"] = p.Name;
            if (p.Number != OrganisationNumber) details["previousNumber"] = p.Number;
            if (p.Country != Country) details["previousCountry"] = p.Country;
        }
        Audit(AuditEvent.Create(at, by, action, nameof(Organisation), Id.ToString(), details: details));
    }
}
