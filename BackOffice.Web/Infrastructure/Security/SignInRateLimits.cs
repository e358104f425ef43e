using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's rate limiter on every sign-in step (besides Identity's lockout, which counts failures in the database): each
/// POST to a page marked <c>[EnableRateLimiting(SignInRateLimits.Policy)]</c> takes a permit from the client's IP address
/// (<c>Security:SignInPerIpPerMinute</c>, 30) and one from the account it is for (<c>Security:SignInPerAccountPerMinute</c>, 10):
/// at the password step the address typed (known or not, so the limit reveals nothing), at the second-factor steps the account
/// of the partial sign-in, on the set-password page the link; a passkey sign-in names no account until it is checked, so its
/// address alone limits it. Past either, 429 with a page that says to wait. The windows are in each instance's memory: with
/// several instances the limits are per instance; the lockout is shared.
/// </summary>
public static class SignInRateLimits
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, IConfiguration config) =>
        services.AddRateLimiter(o => o.AddPolicy(Policy, new SignInPolicy(
            config.GetValue("Security:SignInPerIpPerMinute", 30), config.GetValue("Security:SignInPerAccountPerMinute", 10))));

    /// <summary>
    /// The account a sign-in request is for: the e-mail typed, the user id in the partial sign-in's cookie, or the set-password
    /// link's token; null when the request names none (a passkey sign-in: the key is known only once it is checked).
    /// </summary>
    private static string? AccountOf(HttpContext context)
    {
        if (context.Features.Get<IFormFeature>()?.Form is { } form && form.TryGetValue("Input.Email", out var email))
            return "email:" + email.ToString().Trim().ToUpperInvariant();
        if (context.Request.Query["token"] is [{ Length: > 0 } token])
            return "link:" + BackOffice.Data.Domain.Staff.StaffInvitation.HashOf(token);
        var cookies = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.TwoFactorUserIdScheme);
        if (cookies.Cookie.Name is { } name && context.Request.Cookies[name] is { } value
            && cookies.TicketDataFormat.Unprotect(value)?.Principal.Identity?.Name is { } userId)
            return "user:" + userId;
        return null;
    }

    private sealed class SignInPolicy(int perIp, int perAccount) : IRateLimiterPolicy<string>
    {
        private readonly PartitionedRateLimiter<string> _byIp = Windows(perIp);
        private readonly PartitionedRateLimiter<string> _byAccount = Windows(perAccount);

        private static PartitionedRateLimiter<string> Windows(int permits) => PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            }));

        public RateLimitPartition<string> GetPartition(HttpContext context)
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                return RateLimitPartition.GetNoLimiter("read");
            var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var account = AccountOf(context);
            return RateLimitPartition.Get(ip + "\n" + account, _ => new BothLimiter(_byIp, ip, account is null ? null : _byAccount, account ?? ""));
        }

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (rejected, _) =>
        {
            rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            rejected.HttpContext.Response.Headers.RetryAfter = (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>One permit from the IP's window and one from the account's (when the request names one); refused when either has none left.</summary>
    private sealed class BothLimiter(PartitionedRateLimiter<string> byIp, string ip, PartitionedRateLimiter<string>? byAccount, string account) : RateLimiter
    {
        private long _lastUsed = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            var first = byIp.AttemptAcquire(ip, permitCount);
            if (!first.IsAcquired || byAccount is null) return first;
            var second = byAccount.AttemptAcquire(account, permitCount);
            if (second.IsAcquired) second.Dispose();
            return second.IsAcquired ? first : second;
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken ct) => ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }
}
