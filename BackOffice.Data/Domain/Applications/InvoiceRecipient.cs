namespace BackOffice.Data.Domain.Applications;

public enum InvoiceRecipientKind { Employer, Private, AlternativeAddress }

/// <summary>Seed 003's invoice recipient: the employer, the person, or an alternative address.</summary>
public sealed record InvoiceRecipient(
    InvoiceRecipientKind Kind,
    string? AddressLine1 = null,
    string? AddressLine2 = null,
    string? City = null,
    string? Country = null,
    string? Postcode = null,
    string? Phone = null,
    string? Email = null,
    string? Reference = null)
{
    /// <summary>The names of required fields left empty (an alternative address needs line 1, city, country and postcode).</summary>
    public IReadOnlyList<string> MissingFields()
    {
        if (Kind != InvoiceRecipientKind.AlternativeAddress) return [];
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(AddressLine1)) missing.Add(nameof(AddressLine1));
        if (string.IsNullOrWhiteSpace(City)) missing.Add(nameof(City));
        if (string.IsNullOrWhiteSpace(Country)) missing.Add(nameof(Country));
        if (string.IsNullOrWhiteSpace(Postcode)) missing.Add(nameof(Postcode));
        return missing;
    }

    public bool IsComplete => MissingFields().Count == 0;
}
