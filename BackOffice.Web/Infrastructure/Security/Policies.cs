using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Authorization;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>Authorisation policy names. Every page needs signed-in staff (the fallback); folders narrow it by role.</summary>
public static class Policies
{
    public const string Administrator = nameof(Administrator);
    public const string Reviewer = nameof(Reviewer);
    public const string Auditor = nameof(Auditor);
    public const string SystemAdministrator = nameof(SystemAdministrator);
    /// <summary>Case work: Administrators, Reviewers and Auditors (never System administrators: separation of duties).</summary>
    public const string CaseWork = nameof(CaseWork);
    /// <summary>Reports and exports: Auditors and Administrators (the reports issue).</summary>
    public const string Reports = nameof(Reports);

    public static IServiceCollection AddBackOfficeAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Reviewer, p => p.RequireRole(Roles.Reviewer))
            .AddPolicy(Auditor, p => p.RequireRole(Roles.Auditor))
            .AddPolicy(SystemAdministrator, p => p.RequireRole(Roles.SystemAdministrator))
            .AddPolicy(CaseWork, p => p.RequireRole(Roles.Administrator, Roles.Reviewer, Roles.Auditor))
            .AddPolicy(Reports, p => p.RequireRole(Roles.Auditor, Roles.Administrator))
            .Services;
}
