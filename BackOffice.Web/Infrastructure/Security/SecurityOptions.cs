using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Web.Infrastructure.Security;

public static class SecurityOptions
{
    /// <summary>Cookies are Secure-only unless configuration relaxes it (Development serves plain http on localhost).</summary>
    public static CookieSecurePolicy CookiePolicy(IConfiguration config) =>
        config.GetValue("Security:CookieSecurePolicy", CookieSecurePolicy.Always);

    /// <summary>
    /// Outside Development every request is sent to https and answered with HSTS, unless configuration says the app sits
    /// behind a proxy that does both (<c>Security:RequireHttps=false</c>; docs/operations.md).
    /// </summary>
    public static bool RequireHttps(IConfiguration config, IWebHostEnvironment environment) =>
        config.GetValue("Security:RequireHttps", !environment.IsDevelopment());

    /// <summary>
    /// Whether every staff member must sign in with a second factor (an authenticator app, or a passkey); one who has not
    /// enrolled yet is sent to enrol at their first sign-in (<see cref="TwoFactorGate"/>). On unless configured off, except in
    /// Development, where the demo accounts sign in with a password.
    /// </summary>
    public static bool RequireTwoFactor(IConfiguration config, IWebHostEnvironment environment) =>
        config.GetValue("Security:RequireTwoFactor", !environment.IsDevelopment());

    public static IServiceCollection AddBackOfficeAuthentication(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies =>
            {
                // The partial sign-in between the password and the second factor (and a passkey ceremony's state): five minutes.
                cookies.TwoFactorUserIdCookie!.Configure(o =>
                {
                    o.Cookie.Name = "BackOffice.TwoFactor";
                    o.Cookie.HttpOnly = true;
                    o.Cookie.SameSite = SameSiteMode.Strict;
                    o.Cookie.SecurePolicy = CookiePolicy(config);
                });
                cookies.ApplicationCookie!.Configure(o =>
                {
                    o.Cookie.Name = "BackOffice.Auth";
                    o.Cookie.HttpOnly = true;
                    o.Cookie.SameSite = SameSiteMode.Strict;
                    o.Cookie.SecurePolicy = CookiePolicy(config);
                    o.ExpireTimeSpan = TimeSpan.FromHours(config.GetValue("Security:SessionHours", 8));
                    o.SlidingExpiration = true;
                    o.LoginPath = "/Account/Login";
                    o.LogoutPath = "/Account/Logout";
                    o.AccessDeniedPath = "/Account/AccessDenied";
                    // A refused request answers 403 itself (the status page explains), instead of a redirect that hides it.
                    o.Events.OnRedirectToAccessDenied = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    };
                    // The intake API is a machine's client: 401 (as problem+json, by the API's status pages), never a sign-in page.
                    var toLogin = o.Events.OnRedirectToLogin;
                    o.Events.OnRedirectToLogin = context =>
                    {
                        // The secure messages' public pages (issue 15) never send a sender to the staff sign-in: an address
                        // under /Secure that is none of their pages is "not found", in their layout.
                        if (context.Request.Path.StartsWithSegments("/Secure", StringComparison.OrdinalIgnoreCase))
                        {
                            context.Response.StatusCode = StatusCodes.Status404NotFound;
                            return Task.CompletedTask;
                        }
                        if (!RequestGuard.IsApi(context.HttpContext)) return toLogin(context);
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    };
                    // Sessions on the server (staff_sessions): signing out, disabling and "end my other sessions" end them at
                    // their next request on every instance; a changed account (roles) is read again at its next request.
                    o.SessionStore = new StaffSessions();
                    o.Events.OnValidatePrincipal = StaffSessions.ValidatePrincipalAsync;
                });
            });
        return services;
    }

    /// <summary>Headers every response carries: no sniffing, no framing by others, scripts and styles only from here.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var h = context.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "SAMEORIGIN";
        h["Referrer-Policy"] = "same-origin";
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                                  "frame-src 'self'; object-src 'none'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'";
        await next();
    });
}

/// <summary>Adds the staff member's display name to the sign-in cookie so every page can show and audit it.</summary>
public sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string DisplayNameClaim = "backoffice:display_name";

    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
