using Microsoft.AspNetCore.Identity;

namespace BackOffice.Data.Domain.Staff;

/// <summary>Where a staff account stands: invited (no password yet), active, or disabled by a System administrator.</summary>
public enum StaffStatus { Invited, Active, Disabled }

/// <summary>A member of the office's staff (ASP.NET Core Identity user).</summary>
public class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When a System administrator disabled the account; a disabled account cannot sign in and has no sessions.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }
    /// <summary>The interface language the person chose last (en, sv, fi); applied at every sign-in.</summary>
    public string? PreferredLanguage { get; private set; }
    /// <summary>The TOTP time step of the last authenticator code accepted: a code of that step or an earlier one is never accepted again.</summary>
    public long? LastTotpTimeStep { get; private set; }

    public StaffStatus Status => DisabledAt is not null ? StaffStatus.Disabled : PasswordHash is null ? StaffStatus.Invited : StaffStatus.Active;

    public Actor AsActor() => new(Id, DisplayName);

    public void Disable(DateTimeOffset at)
    {
        if (DisabledAt is not null) throw new DomainException(ErrorCodes.StaffAlreadyDisabled, "The account is already disabled.");
        DisabledAt = at;
    }

    public void Enable()
    {
        if (DisabledAt is null) throw new DomainException(ErrorCodes.StaffNotDisabled, "The account is not disabled.");
        DisabledAt = null;
    }

    public void RememberLanguage(string language)
    {
        if (language is not ("en" or "sv" or "fi")) throw new ArgumentOutOfRangeException(nameof(language), language, "en, sv or fi");
        PreferredLanguage = language;
    }

    /// <summary>Takes an authenticator code of <paramref name="timeStep"/>; false when that step (or a later one) was already used: a replay.</summary>
    public bool AcceptTotpTimeStep(long timeStep)
    {
        if (LastTotpTimeStep >= timeStep) return false;
        LastTotpTimeStep = timeStep;
        return true;
    }

    /// <summary>After the authenticator is reset, codes of the new key start afresh.</summary>
    public void ForgetTotpTimeStep() => LastTotpTimeStep = null;
}

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Reviewer = "Reviewer";
    public const string Auditor = "Auditor";
    public const string SystemAdministrator = "SystemAdministrator";

    public static readonly IReadOnlyList<string> All = [Administrator, Reviewer, Auditor, SystemAdministrator];
    public static readonly IReadOnlyList<string> CaseRoles = [Administrator, Reviewer, Auditor];

    /// <summary>
    /// The roles a staff member may hold together, in their usual order: at least one, each a known role, and never System
    /// administrator with a case role (separation of duties: who manages accounts does not handle cases).
    /// </summary>
    public static IReadOnlyList<string> Combination(IEnumerable<string> roles)
    {
        var chosen = roles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0) throw new DomainException(ErrorCodes.StaffRoleRequired, "A staff member needs at least one role.");
        if (chosen.FirstOrDefault(r => !All.Contains(r)) is { } unknown)
            throw new DomainException(ErrorCodes.StaffRoleUnknown, $"There is no role \"{unknown}\".");
        if (chosen.Contains(SystemAdministrator) && chosen.Any(CaseRoles.Contains))
            throw new DomainException(ErrorCodes.StaffRolesSeparated, "A System administrator cannot also hold a case role.");
        return All.Where(chosen.Contains).ToList();
    }
}
