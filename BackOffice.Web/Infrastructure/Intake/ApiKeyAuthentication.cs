using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Intake;

/// <summary>The systems allowed to call the intake API: name → key (configuration <c>Intake:ApiKeys</c>).</summary>
public sealed class IntakeOptions
{
    public Dictionary<string, string> ApiKeys { get; set; } = [];
}

/// <summary>
/// Authenticates a caller of <c>/api/intake/</c> by the <c>X-Api-Key</c> header, compared in constant time with every
/// configured key. Used by the intake endpoints (a staff cookie never reaches them) and by one page, the revoked-certificates feed,
/// which only the certificate authority's key (<c>Revocation:AuthorityApiKeyName</c>) may read; that key in turn is refused by the intake API.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<IntakeOptions> intake)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "IntakeApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!));
        string? caller = null;
        // Every key is compared, match or not, so the time taken says nothing about which key nearly matched.
        foreach (var (name, key) in intake.CurrentValue.ApiKeys)
            if (!string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
                caller ??= name;
        if (caller is null) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, caller)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        IntakeProblems.Write(Context, StatusCodes.Status401Unauthorized, "api-key", "A valid API key is required",
            $"Send the key in the {Header} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        IntakeProblems.Write(Context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden", null);
}
