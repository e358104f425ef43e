using System.Security.Cryptography;
using System.Text;
using BackOffice.Web.Infrastructure.Email;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.SecureMessages;

/// <summary>
/// The links the secure messages mail: a one-time link's token (256 random bits; only its SHA-256 is kept), and the public
/// address links start with — from <c>SecureMessages:PublicBaseUrl</c>, never from the request's Host header (a visitor could
/// have a victim's link point at their own server). In Development, without the setting, the request's own address.
/// </summary>
public sealed class SenderLinks(IOptions<SecureMessageOptions> options, IWebHostEnvironment env, MailSeal seal, ILogger<SenderLinks> log)
{
    public static (string Token, string Hash) NewToken()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The public address, without a trailing slash; null when it is not configured (outside Development).</summary>
    public string? BaseUrl(HttpRequest request)
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            return configured.TrimEnd('/');
        if (env.IsDevelopment()) return $"{request.Scheme}://{request.Host}{request.PathBase}";
        log.LogError("SecureMessages:PublicBaseUrl is not set (or not an http(s) address): the secure messages send no links until it is");
        return null;
    }

    /// <summary>The link to open with <paramref name="token"/>, sealed for the outbox (the database never holds a usable link).</summary>
    public string SealedVerifyLink(string baseUrl, string token) => seal.Seal($"{baseUrl}/Secure/Verify?token={Uri.EscapeDataString(token)}");

    /// <summary>The public page of a message (the sender's copy and the office's answers), behind the address verification.</summary>
    public static string MessageLink(string baseUrl, Guid messageId) => $"{baseUrl}/Secure/Messages/{messageId}";
}
