namespace BackOffice.Data.Domain;

/// <summary>Who does something: a staff member, or a named outside system (the public portal).</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static Actor System(string name) => new(null, name);
}
