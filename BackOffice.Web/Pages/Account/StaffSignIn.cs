using System.Security.Cryptography;
using System.Text;
using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Account;

public enum SignInOutcome { SignedIn, NeedsSecondFactor, LockedOut, Disabled, Failed, NoPartialSignIn }

public sealed record SignInAttempt(SignInOutcome Outcome, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Every way into the app, with its rules and its audit trail: the password (then the second factor when the account has one),
/// the authenticator code, a recovery code, a passkey. An address without an account is counted and locked exactly like a real
/// one (<see cref="FailedSignInAddress"/>) and costs the same password hashing, so neither the message nor the time says which
/// addresses have accounts; a disabled account is told so only with its right password. On success the remembered language
/// is set.
/// </summary>
public sealed class StaffSignIn(
    SignInManager<StaffUser> signIn, UserManager<StaffUser> users, BackOfficeDbContext db, AuditTrail audit, TimeProvider clock,
    IOptions<IdentityOptions> identity, IHttpContextAccessor accessor, IConfiguration config)
{
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    private HttpContext Context => accessor.HttpContext ?? throw new InvalidOperationException("Signing in needs a request.");
    private StaffSignInManager Staff => (StaffSignInManager)signIn;

    public async Task<SignInAttempt> PasswordAsync(string email, string password)
    {
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null) return await UnknownAddressAsync(email, password);
        if (user.DisabledAt is not null) return await DisabledAsync(user, email, password);

        SignInMethods.Set(Context, SignInMethods.Password);
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await SignedInAsync(user, SignInMethods.Password);
            return new(SignInOutcome.SignedIn);
        }
        if (result.RequiresTwoFactor) return new(SignInOutcome.NeedsSecondFactor);
        await FailedAsync(user, email, result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "wrong-credentials");
        return result.IsLockedOut ? new(SignInOutcome.LockedOut, user.LockoutEnd) : new(SignInOutcome.Failed);
    }

    /// <summary>The staff member between the password and the second factor (null when that step expired or never began).</summary>
    public Task<StaffUser?> PartialAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    public async Task<SignInAttempt> AuthenticatorCodeAsync(string code)
    {
        var user = await PartialAsync();
        if (user is null) return new(SignInOutcome.NoPartialSignIn);
        SignInMethods.Set(Context, SignInMethods.Authenticator);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await SignedInAsync(user, SignInMethods.Authenticator);
            return new(SignInOutcome.SignedIn);
        }
        var reason = result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : AuthenticatorCodes.WasReplay(Context) ? "replayed" : "wrong-code";
        await SecondFactorFailedAsync(user, SignInMethods.Authenticator, reason);
        return Refused(user, result);
    }

    public async Task<SignInAttempt> RecoveryCodeAsync(string code)
    {
        var user = await PartialAsync();
        if (user is null) return new(SignInOutcome.NoPartialSignIn);
        SignInMethods.Set(Context, SignInMethods.RecoveryCode);
        var normalised = NormaliseRecoveryCode(code);
        var result = normalised.Length == 0 ? SignInResult.Failed : await signIn.TwoFactorRecoveryCodeSignInAsync(normalised);
        if (result.Succeeded)
        {
            audit.Add(user.AsActor(), AuditActions.RecoveryCodeUsed, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?>
            {
                ["left"] = (await users.CountRecoveryCodesAsync(user)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            await SignedInAsync(user, SignInMethods.RecoveryCode);
            return new(SignInOutcome.SignedIn);
        }
        await SecondFactorFailedAsync(user, SignInMethods.RecoveryCode, result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "wrong-code");
        return Refused(user, result);
    }

    /// <summary>The options for the browser's <c>navigator.credentials.get()</c>: any passkey of this site (the person picks theirs).</summary>
    public Task<string> PasskeyRequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

    public async Task<SignInAttempt> PasskeyAsync(string? credentialJson)
    {
        SignInMethods.Set(Context, SignInMethods.Passkey);
        var result = await signIn.PasskeySignInAsync(credentialJson ?? "");
        if (result.Succeeded && await users.GetUserAsync(Context.User) is { } user)
        {
            await SignedInAsync(user, SignInMethods.Passkey);
            return new(SignInOutcome.SignedIn);
        }
        var failure = Staff.PasskeyFailure;
        var owner = failure?.User;
        await audit.RecordAsync(owner?.AsActor(), AuditActions.SignInFailed, nameof(StaffUser), owner?.Id.ToString(), details: new Dictionary<string, string?>
        {
            ["email"] = owner?.Email, ["reason"] = result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "passkey",
            ["method"] = SignInMethods.Passkey, ["detail"] = failure?.Reason,
        });
        return result.IsNotAllowed ? new(SignInOutcome.Disabled) : result.IsLockedOut ? new(SignInOutcome.LockedOut, owner?.LockoutEnd) : new(SignInOutcome.Failed);
    }

    /// <summary>The person who enrolled their authenticator at their first sign-in: the session becomes a two-factor one.</summary>
    public async Task UpgradeToTwoFactorAsync(StaffUser user)
    {
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new(SignInMethods.AmrClaim, SignInMethods.MultiFactor), new(System.Security.Claims.ClaimTypes.AuthenticationMethod, SignInMethods.Authenticator)]);
    }

    private SignInAttempt Refused(StaffUser user, SignInResult result) =>
        result.IsLockedOut ? new(SignInOutcome.LockedOut, user.LockoutEnd) : result.IsNotAllowed ? new(SignInOutcome.Disabled) : new(SignInOutcome.Failed);

    private async Task SignedInAsync(StaffUser user, string method)
    {
        audit.Add(user.AsActor(), AuditActions.SignIn, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?> { ["method"] = method });
        await db.SaveChangesAsync();
        if (user.PreferredLanguage is { } language) LocalizationSetup.RememberInCookie(Context.Response, language, config);
    }

    private Task FailedAsync(StaffUser? user, string email, string reason) =>
        audit.RecordAsync(user?.AsActor(), AuditActions.SignInFailed, nameof(StaffUser), user?.Id.ToString(),
            details: new Dictionary<string, string?> { ["email"] = email, ["reason"] = reason });

    private Task SecondFactorFailedAsync(StaffUser user, string method, string reason) =>
        audit.RecordAsync(user.AsActor(), AuditActions.SecondFactorFailed, nameof(StaffUser), user.Id.ToString(),
            details: new Dictionary<string, string?> { ["method"] = method, ["reason"] = reason });

    /// <summary>As Identity would for an account: the same hashing cost, the same count of failures, the same lockout.</summary>
    private async Task<SignInAttempt> UnknownAddressAsync(string email, string password)
    {
        users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHash.Value, password);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(users.NormalizeEmail(email) ?? email)));
        var now = clock.GetUtcNow();
        var forgotten = now - FailedSignInAddress.KeptFor;
        await db.FailedSignInAddresses.Where(a => a.LastFailureAt < forgotten).ExecuteDeleteAsync();
        var address = await db.FailedSignInAddresses.FirstOrDefaultAsync(a => a.AddressHash == hash);
        if (address is null) db.FailedSignInAddresses.Add(address = new FailedSignInAddress(hash));
        var wasLocked = address.IsLockedOut(now);
        if (!wasLocked) address.RecordFailure(now, identity.Value.Lockout.MaxFailedAccessAttempts, identity.Value.Lockout.DefaultLockoutTimeSpan);
        var locked = address.IsLockedOut(now);
        audit.Add(null, AuditActions.SignInFailed, nameof(StaffUser), null,
            details: new Dictionary<string, string?> { ["email"] = email, ["reason"] = locked ? "locked-out" : "wrong-credentials" });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) // the same unknown address tried twice at the same moment: the other counted it
        {
        }
        return locked ? new(SignInOutcome.LockedOut, address.LockoutEnd) : new(SignInOutcome.Failed);
    }

    /// <summary>A disabled account counts failures and locks like any other; only its right password is told it is disabled.</summary>
    private async Task<SignInAttempt> DisabledAsync(StaffUser user, string email, string password)
    {
        if (await users.IsLockedOutAsync(user))
        {
            await FailedAsync(user, email, "locked-out");
            return new(SignInOutcome.LockedOut, user.LockoutEnd);
        }
        if (await users.CheckPasswordAsync(user, password))
        {
            await FailedAsync(user, email, "not-allowed");
            return new(SignInOutcome.Disabled);
        }
        await users.AccessFailedAsync(user);
        var locked = await users.IsLockedOutAsync(user);
        await FailedAsync(user, email, locked ? "locked-out" : "wrong-credentials");
        return locked ? new(SignInOutcome.LockedOut, user.LockoutEnd) : new(SignInOutcome.Failed);
    }

    /// <summary>Identity's recovery codes read <c>XXXXX-XXXXX</c>; typed in lower case or without the hyphen they still count.</summary>
    public static string NormaliseRecoveryCode(string? code)
    {
        var plain = new string((code ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return plain.Length == 10 ? plain[..5] + "-" + plain[5..] : plain;
    }
}
