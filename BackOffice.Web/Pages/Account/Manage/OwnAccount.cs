using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace BackOffice.Web.Pages.Account.Manage;

/// <summary>One session of the person's own, as their account page lists it.</summary>
public sealed record OwnSession(DateTimeOffset CreatedAt, DateTimeOffset RenewedAt, string? Method, string? UserAgent, bool IsThisOne);

/// <summary>
/// What a staff member does with their own account (<c>/Account/Manage</c>): enrol an authenticator app, new recovery codes,
/// passkeys, their language, ending their other sessions. Each change is audited against the account.
/// </summary>
public sealed class OwnAccount(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, BackOfficeDbContext db, AuditTrail audit,
    CurrentStaff staff, IHttpContextAccessor accessor, IConfiguration config)
{
    public const int RecoveryCodeCount = 10;

    public async Task<StaffUser> UserAsync() =>
        await users.FindByIdAsync(staff.Id?.ToString() ?? "") ?? throw new InvalidOperationException("No staff member is signed in.");

    /// <summary>The key the authenticator app is to hold (made now when the account has none), and its otpauth URI.</summary>
    public async Task<(string Key, string Uri)> AuthenticatorKeyAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was made.");
        }
        var issuer = config["Security:AuthenticatorIssuer"] is { Length: > 0 } i ? i : "BackOffice";
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(user.Email ?? user.DisplayName);
        return (key, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30");
    }

    /// <summary>The otpauth URI as a QR code, drawn here as SVG (nothing leaves the server), for an <c>img</c>'s data URI.</summary>
    public static string QrCodeDataUri(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(6);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>The key in groups of four, as an authenticator app's "enter a key" asks for it.</summary>
    public static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

    /// <summary>
    /// Turns two-factor on with a code the app shows now (checked once, like at sign-in) and returns the ten recovery codes, to
    /// be shown once; null when the code is wrong or already used (audited as a failed second factor). A session opened with a
    /// password alone becomes a two-factor one.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableTwoFactorAsync(StaffUser user, string code)
    {
        var context = accessor.HttpContext!;
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await audit.RecordAsync(user.AsActor(), AuditActions.SecondFactorFailed, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?>
            {
                ["method"] = SignInMethods.Authenticator, ["reason"] = AuthenticatorCodes.WasReplay(context) ? "replayed" : "wrong-code", ["step"] = "enrolment",
            });
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Add(user.AsActor(), AuditActions.TwoFactorEnabled, nameof(StaffUser), user.Id.ToString());
        audit.Add(user.AsActor(), AuditActions.RecoveryCodesGenerated, nameof(StaffUser), user.Id.ToString(),
            details: new Dictionary<string, string?> { ["count"] = codes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await db.SaveChangesAsync();
        if (!SignInMethods.IsMultiFactor(context.User))
            await signIn.SignInWithClaimsAsync(user, isPersistent: false,
                [new(SignInMethods.AmrClaim, SignInMethods.MultiFactor), new(System.Security.Claims.ClaimTypes.AuthenticationMethod, SignInMethods.Authenticator)]);
        else
            await signIn.RefreshSignInAsync(user);
        return codes;
    }

    /// <summary>For a new phone: a new key (the old app's codes stop working) and two-factor off until the new app is enrolled.</summary>
    public async Task ResetAuthenticatorAsync(StaffUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        user.ForgetTotpTimeStep();
        await users.UpdateAsync(user);
        await audit.RecordAsync(user.AsActor(), AuditActions.AuthenticatorReset, nameof(StaffUser), user.Id.ToString());
        await signIn.RefreshSignInAsync(user);
    }

    /// <summary>Ten new recovery codes, shown once; the earlier ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(StaffUser user)
    {
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await audit.RecordAsync(user.AsActor(), AuditActions.RecoveryCodesGenerated, nameof(StaffUser), user.Id.ToString(),
            details: new Dictionary<string, string?> { ["count"] = codes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return codes;
    }

    public async Task<IReadOnlyList<OwnSession>> SessionsAsync(Guid userId, DateTimeOffset now)
    {
        var current = StaffSessions.CurrentKeyHash(accessor.HttpContext!);
        return await db.StaffSessions.AsNoTracking().Where(s => s.UserId == userId && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new OwnSession(s.CreatedAt, s.RenewedAt, s.Method, s.UserAgent, s.KeyHash == current))
            .ToListAsync();
    }

    /// <summary>Ends every session of the person but this one; they end at their next request, wherever they are.</summary>
    public async Task<int> EndOtherSessionsAsync(StaffUser user)
    {
        var ended = await StaffSessions.EndAsync(db, user.Id, StaffSessions.CurrentKeyHash(accessor.HttpContext!) ?? "");
        await audit.RecordAsync(user.AsActor(), AuditActions.OtherSessionsEnded, nameof(StaffUser), user.Id.ToString(),
            details: new Dictionary<string, string?> { ["count"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return ended;
    }

    /// <summary>The person's own recent sign-ins and refused attempts on their account, newest first.</summary>
    public async Task<IReadOnlyList<AuditLine>> RecentSignInsAsync(Guid userId, int count = 10)
    {
        string[] actions = [AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.SecondFactorFailed, AuditActions.RecoveryCodeUsed];
        var id = userId.ToString();
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(StaffUser) && e.EntityId == id && actions.Contains(e.Action))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Position).Take(count)
            .Select(e => new AuditLine(e.Position, e.OccurredAt, e.ActorName, e.Action, e.Details, null))
            .ToListAsync();
    }

    public Task RememberLanguageAsync(StaffUser user, string language)
    {
        user.RememberLanguage(language);
        return users.UpdateAsync(user);
    }

    public async Task<string> PasskeyCreationOptionsAsync(StaffUser user) =>
        await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id.ToString(), Name = user.Email ?? user.UserName!, DisplayName = user.DisplayName });

    /// <summary>Keeps the passkey the browser made (its attestation checked by Identity); false with Identity's reason when it cannot.</summary>
    public async Task<(bool Added, string? Reason)> AddPasskeyAsync(StaffUser user, string? credentialJson, string name)
    {
        if (string.IsNullOrWhiteSpace(credentialJson)) return (false, "no credential");
        PasskeyAttestationResult result;
        try
        {
            result = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException) // no registration under way (its short-lived cookie expired or was never set)
        {
            return (false, "no registration under way");
        }
        if (!result.Succeeded) return (false, result.Failure?.Message);
        if (result.UserEntity.Id != user.Id.ToString()) return (false, "another account's registration");
        result.Passkey.Name = name;
        if (!(await users.AddOrUpdatePasskeyAsync(user, result.Passkey)).Succeeded) return (false, "not stored");
        await audit.RecordAsync(user.AsActor(), AuditActions.PasskeyAdded, nameof(StaffUser), user.Id.ToString(),
            details: new Dictionary<string, string?> { ["name"] = name });
        return (true, null);
    }

    public async Task<bool> RemovePasskeyAsync(StaffUser user, byte[] credentialId)
    {
        var passkey = await users.GetPasskeyAsync(user, credentialId);
        if (passkey is null) return false;
        await users.RemovePasskeyAsync(user, credentialId);
        await audit.RecordAsync(user.AsActor(), AuditActions.PasskeyRemoved, nameof(StaffUser), user.Id.ToString(),
            details: new Dictionary<string, string?> { ["name"] = passkey.Name });
        return true;
    }
}
