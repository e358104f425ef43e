using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>
/// The authenticator app's codes (TOTP, RFC 6238: six digits, 30 seconds, SHA-1 — what every authenticator app makes) for
/// Identity's two-factor sign-in, in place of Identity's own check, which accepts a code during two and a half minutes and any
/// number of times. Here a code is good for its 30 seconds and one step either side (clocks drift), and once: the step of the
/// last code accepted is kept on the account and a code of that step or an earlier one is refused as a replay. The clock is
/// the app's <see cref="TimeProvider"/>.
/// </summary>
public sealed class AuthenticatorCodes(TimeProvider clock, IHttpContextAccessor accessor) : AuthenticatorTokenProvider<StaffUser>
{
    public const string ProviderName = "BackOfficeAuthenticator";
    private const string ReplayItem = "BackOffice.AuthenticatorReplay";

    /// <summary>Whether the last code this request checked was right but already used (for the audit trail's reason).</summary>
    public static bool WasReplay(HttpContext context) => context.Items.ContainsKey(ReplayItem);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? "").Where(c => c is not (' ' or '-')).ToArray());
        if (key is null || code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))) return false;
        if (!user.AcceptTotpTimeStep(step))
        {
            if (accessor.HttpContext is { } context) context.Items[ReplayItem] = true;
            return false;
        }
        // Saved at once, with Identity's concurrency stamp: of two requests with the same code at the same moment, one fails.
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}
