using System.Security.Claims;
using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>How a session was opened, as its claims and the audit trail name it.</summary>
public static class SignInMethods
{
    public const string Password = "password";
    public const string Authenticator = "authenticator";
    public const string RecoveryCode = "recovery-code";
    public const string Passkey = "passkey";

    /// <summary>The <c>amr</c> claim (RFC 8176): <c>mfa</c> for a second factor or a passkey, <c>pwd</c> for a password alone.</summary>
    public const string AmrClaim = "amr";
    public const string MultiFactor = "mfa";

    private const string ItemKey = "BackOffice.SignInMethod";

    /// <summary>Says how the sign-in of this request is made, for the session row it opens.</summary>
    public static void Set(HttpContext context, string method) => context.Items[ItemKey] = method;

    public static string? Of(HttpContext context) => context.Items[ItemKey] as string;

    public static bool IsMultiFactor(ClaimsPrincipal user) => user.HasClaim(AmrClaim, MultiFactor);
}

/// <summary>
/// Identity's sign-in with the office's rules: a disabled account may not sign in by any way; a passkey sign-in counts as
/// strong (<c>amr=mfa</c>: possession of the key and the user's verification on the device), where Identity marks it as a
/// password; a wrong recovery code counts towards the lockout like a wrong password or authenticator code, and a locked
/// account cannot use one. Passkey failures are kept for the audit trail.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> users, IHttpContextAccessor accessor, IUserClaimsPrincipalFactory<StaffUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<StaffUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(users, accessor, claims, options, logger, schemes, confirmation)
{
    /// <summary>Why the last passkey sign-in of this request failed (Identity's message), and whose passkey it was if known.</summary>
    public (string Reason, StaffUser? User)? PasskeyFailure { get; private set; }

    public override async Task<bool> CanSignInAsync(StaffUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        PasskeyFailure = null;
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            PasskeyFailure = ("no credential", null);
            return SignInResult.Failed;
        }
        PasskeyAssertionResult<StaffUser> assertion;
        try
        {
            assertion = await PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (InvalidOperationException) // no passkey request under way (its short-lived cookie expired or was never set)
        {
            PasskeyFailure = ("no passkey request under way", null);
            return SignInResult.Failed;
        }
        if (!assertion.Succeeded)
        {
            PasskeyFailure = (assertion.Failure?.Message ?? "assertion failed", assertion.User);
            return SignInResult.Failed;
        }
        if (await PreSignInCheck(assertion.User) is { } refused) return refused;
        if (!(await UserManager.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey)).Succeeded) return SignInResult.Failed;
        await SignInWithClaimsAsync(assertion.User, isPersistent: false,
            [new Claim(SignInMethods.AmrClaim, SignInMethods.MultiFactor), new Claim(ClaimTypes.AuthenticationMethod, SignInMethods.Passkey)]);
        return SignInResult.Success;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null) return SignInResult.Failed;
        if (await PreSignInCheck(user) is { } refused) return refused;
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded || !UserManager.SupportsUserLockout) return result;
        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? await LockedOut(user) : result;
    }
}
