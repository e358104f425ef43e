using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Organisations;

namespace BackOffice.Data.Domain.Persons;

/// <summary>Links a person to an organisation: requested by the person, confirmed by the organisation (seed 003).</summary>
public class Employment
{
    private Employment() { }

    internal Employment(Guid personId, Organisation organisation, DateOnly startDate, DateTimeOffset requestedAt)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        OrganisationId = organisation.Id;
        Organisation = organisation;
        StartDate = startDate;
        RequestedAt = requestedAt;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; } = null!;
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public bool IsConfirmed => ConfirmedAt is not null;

    /// <summary>The employment ended on <paramref name="endDate"/> (the certificates it carried should be revoked: the ended-employment list).</summary>
    internal void End(DateOnly endDate)
    {
        if (endDate < StartDate) throw new DomainException(ErrorCodes.EmploymentEndBeforeStart, "An employment cannot end before it started.");
        EndDate = endDate;
    }

    public void Confirm(DateTimeOffset at)
    {
        if (ConfirmedAt is not null) throw new DomainException(ErrorCodes.EmploymentAlreadyConfirmed, "The employment is already confirmed.");
        ConfirmedAt = at;
    }
}
