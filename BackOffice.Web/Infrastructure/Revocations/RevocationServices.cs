using System.Security.Claims;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Intake;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Revocations;

public static class RevocationServices
{
    /// <summary>Staff by their sign-in cookie, or the certificate authority by its intake API key: the revoked-certificates feed.</summary>
    public const string FeedPolicy = "RevokedFeed";
    /// <summary>The revocation requests: Administrators make them, Auditors read them.</summary>
    public const string ReadPolicy = "Revocations";
    /// <summary>Forwards to the API-key scheme when the request carries a key, else to the staff cookie (whose challenge is the sign-in page).</summary>
    public const string StaffOrAuthorityScheme = "StaffOrAuthority";

    public static IServiceCollection AddRevocations(this IServiceCollection services)
    {
        services.AddOptions<RevocationOptions>().BindConfiguration("Revocation");
        services.TryAddSingleton<ICertificateAuthority, RecordingCertificateAuthority>();
        services.AddSingleton<RevocationSender>();
        services.AddHostedService<RevocationWorker>();
        services.AddScoped<RevocationChanges>();
        services.AddAuthentication().AddPolicyScheme(StaffOrAuthorityScheme, null, o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, p => p.RequireRole(Roles.Administrator, Roles.Auditor)).AddPolicy(FeedPolicy, p => p.AddAuthenticationSchemes(StaffOrAuthorityScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new FeedReaderRequirement()));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, FeedReaderHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, NotTheAuthorityHandler>();
        return services;
    }

    /// <summary>Whether the caller is the certificate authority's API key (<c>Revocation:AuthorityApiKeyName</c>), not staff.</summary>
    public static bool IsAuthority(ClaimsPrincipal user, RevocationOptions options) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName } identity
        && !string.IsNullOrEmpty(options.AuthorityApiKeyName) && identity.Name == options.AuthorityApiKeyName;
}

public sealed class FeedReaderRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement;

/// <summary>The intake API's callers: any configured key but the certificate authority's, which reads the feed and nothing else.</summary>
public sealed class NotTheAuthorityRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement;

public sealed class NotTheAuthorityHandler(IOptionsMonitor<RevocationOptions> options) : Microsoft.AspNetCore.Authorization.AuthorizationHandler<NotTheAuthorityRequirement>
{
    protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, NotTheAuthorityRequirement requirement)
    {
        if (!RevocationServices.IsAuthority(context.User, options.CurrentValue)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The feed's readers: any staff member signed in, or the authority's key; another system's intake key is refused.</summary>
public sealed class FeedReaderHandler(IOptionsMonitor<RevocationOptions> options) : Microsoft.AspNetCore.Authorization.AuthorizationHandler<FeedReaderRequirement>
{
    protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, FeedReaderRequirement requirement)
    {
        if (RevocationServices.IsAuthority(context.User, options.CurrentValue) || Roles.All.Any(context.User.IsInRole))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
