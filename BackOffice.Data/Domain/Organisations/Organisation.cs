namespace BackOffice.Data.Domain.Organisations;

/// <summary>A company or public body; found by its organisation number by exact match only.</summary>
public class Organisation
{
    private Organisation() { }

    public Organisation(string name, string organisationNumber)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(ErrorCodes.OrganisationNameRequired, "An organisation needs a name.");
        if (string.IsNullOrWhiteSpace(organisationNumber)) throw new DomainException(ErrorCodes.OrganisationNumberRequired, "An organisation needs an organisation number.");
        Id = Guid.NewGuid();
        Name = name.Trim();
        OrganisationNumber = organisationNumber.Trim();
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string OrganisationNumber { get; private set; } = "";
}
