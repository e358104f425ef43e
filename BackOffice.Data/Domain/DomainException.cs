namespace BackOffice.Data.Domain;

/// <summary>The one exception a forbidden action on the model throws; pages turn it into a message.</summary>
/// <param name="code">A stable key the interface localises (e.g. <c>Error.CannotCancelIssued</c>).</param>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
