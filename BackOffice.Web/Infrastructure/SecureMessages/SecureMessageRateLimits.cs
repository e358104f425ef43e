using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.SecureMessages;

/// <summary>
/// The public pages' rate limits, with ASP.NET Core's rate limiter: per IP address, by the middleware's policies on the pages
/// (<c>[EnableRateLimiting]</c>; a refusal is 429 with the error page in the reader's language); per e-mail address, by
/// <see cref="SenderAddressLimits"/> in the page, which knows the address (a refusal is a message on the form). Each window
/// slides; limits are per app instance (<c>SecureMessages:RateLimits</c>, docs/secure-messages.md).
/// </summary>
public static class SecureMessageRateLimits
{
    /// <summary>Asking for a one-time link (the form's posts), per IP address.</summary>
    public const string Links = "secure-links";
    /// <summary>Sending a message (the form's posts), per IP address.</summary>
    public const string Sending = "secure-sending";
    /// <summary>Every other request of the public pages (opening a link among them), per IP address.</summary>
    public const string Pages = "secure-pages";

    public static IServiceCollection AddSecureMessageRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Links, new PerIpPolicy(l => l.LinksPerIp, postsOnly: true));
            o.AddPolicy(Sending, new PerIpPolicy(l => l.MessagesPerIp, postsOnly: true));
            o.AddPolicy(Pages, new PerIpPolicy(l => l.PagesPerIp, postsOnly: false));
        });
        services.AddSingleton<SenderAddressLimits>();
        return services;
    }

    private sealed class PerIpPolicy(Func<RateLimitOptions, int> permits, bool postsOnly) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
        {
            // The status-code page (re-executed for 429) tells the reader, in their language, to wait and try again.
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            // A sliding window frees permits as its oldest segment passes (the limiter gives no time of its own).
            var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var given) ? given
                : context.HttpContext.RequestServices.GetRequiredService<IOptions<SecureMessageOptions>>().Value.RateLimits.Window / Segments;
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };

        public RateLimitPartition<string> GetPartition(HttpContext context)
        {
            // The middleware keeps one limiter per key: the unlimited requests' key must never be an address's.
            if (postsOnly && !HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("not limited");
            var limits = context.RequestServices.GetRequiredService<IOptions<SecureMessageOptions>>().Value.RateLimits;
            return RateLimitPartition.GetSlidingWindowLimiter("ip " + context.Connection.RemoteIpAddress,
                _ => SlidingWindow(permits(limits), limits.Window));
        }
    }

    private const int Segments = 6;

    internal static SlidingWindowRateLimiterOptions SlidingWindow(int permits, TimeSpan window) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = window,
        SegmentsPerWindow = Segments,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>How many links an e-mail address may be sent, and messages sent from it, per window (ASP.NET Core's rate limiter).</summary>
public sealed class SenderAddressLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _links;
    private readonly PartitionedRateLimiter<string> _messages;

    public SenderAddressLimits(IOptions<SecureMessageOptions> options)
    {
        var limits = options.Value.RateLimits;
        _links = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetSlidingWindowLimiter(address, _ => SecureMessageRateLimits.SlidingWindow(limits.LinksPerAddress, limits.Window)));
        _messages = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetSlidingWindowLimiter(address, _ => SecureMessageRateLimits.SlidingWindow(limits.MessagesPerAddress, limits.Window)));
    }

    public bool TryLink(string address) => Acquire(_links, address);
    public bool TrySend(string address) => Acquire(_messages, address);

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string address)
    {
        using var lease = limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _links.Dispose();
        _messages.Dispose();
    }
}
