using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Data.Domain.Messages;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.SecureMessages;

/// <summary>A sender whose address is verified: who they are on the public pages, until the session ends.</summary>
public sealed record VerifiedSender(Guid VerificationId, string Email, DateTimeOffset SessionEndsAt);

/// <summary>
/// The session a one-time link opens (seed 004): a cookie of its own scheme, not staff sign-in, for the public pages only
/// (<c>/Secure</c>). It names the verification; every request checks in the database that the verification's session is still
/// open by the app's clock (an hour from the link, or until the sender signs out), so it ends on time on every node.
/// </summary>
public static class SenderSessions
{
    public const string Scheme = "SecureSender";
    /// <summary>The policy of the public pages that need a verified sender (<c>Pages/Secure/Conventions.cs</c>).</summary>
    public const string Policy = "SecureSender";
    public const string EmailClaim = "backoffice:sender-email";
    public const string VerificationClaim = "backoffice:sender-verification";
    public const string EndsClaim = "backoffice:sender-session-ends";

    public static IServiceCollection AddSenderSessions(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "BackOffice.Sender";
            o.Cookie.Path = "/Secure";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = SecurityOptions.CookiePolicy(config);
            o.ExpireTimeSpan = SenderVerification.SessionLifetime;
            o.SlidingExpiration = false;
            o.LoginPath = "/Secure";
            o.AccessDeniedPath = "/Secure";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(EmailClaim));
        return services;
    }

    /// <summary>Starts the session the verification opened.</summary>
    public static Task SignInAsync(HttpContext context, SenderVerification verification)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(EmailClaim, verification.Email),
            new Claim(VerificationClaim, verification.Id.ToString()),
            new Claim(EndsClaim, verification.SessionEndsAt!.Value.ToString("O")),
        ], Scheme, EmailClaim, null);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = false, ExpiresUtc = verification.SessionEndsAt });
    }

    /// <summary>The verified sender of this request (on the pages of the policy), or null.</summary>
    public static VerifiedSender? Of(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == Scheme && user.FindFirstValue(EmailClaim) is { } email
        && Guid.TryParse(user.FindFirstValue(VerificationClaim), out var id)
        && DateTimeOffset.TryParse(user.FindFirstValue(EndsClaim), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var ends)
            ? new VerifiedSender(id, email, ends)
            : null;

    /// <summary>The verified sender on any public page (also the open ones, which do not authenticate with this scheme).</summary>
    public static async Task<VerifiedSender?> CurrentAsync(HttpContext context) =>
        Of(context.User) ?? ((await context.AuthenticateAsync(Scheme)) is { Succeeded: true, Principal: { } p } ? Of(p) : null);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var open = Guid.TryParse(context.Principal?.FindFirstValue(VerificationClaim), out var id)
            && await context.HttpContext.RequestServices.GetRequiredService<BackOfficeDbContext>().SenderVerifications.AsNoTracking()
                .Where(v => v.Id == id).Select(v => new { v.UsedAt, v.SignedOutAt, v.SessionEndsAt }).FirstOrDefaultAsync() is { UsedAt: not null, SignedOutAt: null } v
            && clock.GetUtcNow() < v.SessionEndsAt;
        if (open) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
