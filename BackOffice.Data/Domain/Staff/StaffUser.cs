using Microsoft.AspNetCore.Identity;

namespace BackOffice.Data.Domain.Staff;

/// <summary>A member of the office's staff (ASP.NET Core Identity user).</summary>
public class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public Actor AsActor() => new(Id, DisplayName);
}

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Reviewer = "Reviewer";
    public const string Auditor = "Auditor";
    public const string SystemAdministrator = "SystemAdministrator";

    public static readonly IReadOnlyList<string> All = [Administrator, Reviewer, Auditor, SystemAdministrator];
    public static readonly IReadOnlyList<string> CaseRoles = [Administrator, Reviewer, Auditor];
}
