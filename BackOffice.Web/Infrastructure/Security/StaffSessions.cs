using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>
/// Sessions kept in PostgreSQL (<c>staff_sessions</c>), so none depends on one instance's memory and each can be ended from
/// anywhere: the sign-in cookie carries only a random key; the row holds the ticket. Every request reads its row together with
/// the account: no row (signed out, ended, expired) or a disabled account is no session. When the account's security stamp
/// changed since the ticket was made (roles, two-factor, password), the principal is rebuilt from the account at that request,
/// so a removed role is gone at the next click. Uses the request's services, the app's clock, a scope of its own for writes.
/// </summary>
public sealed class StaffSessions : ITicketStore
{
    /// <summary>Set on a ticket read back whose account has a new security stamp; <see cref="ValidatePrincipalAsync"/> acts on it.</summary>
    public const string RefreshItem = "BackOffice.RefreshPrincipal";
    private const string CurrentKeyItem = "BackOffice.SessionKeyHash";

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The hash of the key of the session this request came with (null when it came with none).</summary>
    public static string? CurrentKeyHash(HttpContext context) => context.Items[CurrentKeyItem] as string;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw NeedsRequest();
    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken ct) => throw NeedsRequest();
    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw NeedsRequest();
    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken ct) => throw NeedsRequest();
    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw NeedsRequest();
    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken ct) => throw NeedsRequest();
    public Task RemoveAsync(string key) => throw NeedsRequest();
    public Task RemoveAsync(string key, CancellationToken ct) => throw NeedsRequest();

    private static InvalidOperationException NeedsRequest() => new("Staff sessions are stored and read within a request.");

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext context, CancellationToken ct)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var userId = UserIdOf(ticket) ?? throw new InvalidOperationException("A session needs a signed-in staff member.");
        await using var scope = context.RequestServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
        var now = Now(context);
        // Expired rows of anyone go as a new session comes: nothing else needs to run to keep the table small.
        await db.StaffSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.StaffSessions.Add(new StaffSession(HashOf(key), userId, TicketSerializer.Default.Serialize(ticket), now, ExpiresAt(ticket, now),
            SignInMethods.Of(context) ?? MethodOf(ticket), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null));
        await db.SaveChangesAsync(ct);
        context.Items[CurrentKeyItem] = HashOf(key);
        return key;
    }

    /// <summary>Renews the row of the same account only: a missing row (the session ended meanwhile) is not brought back.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext context, CancellationToken ct)
    {
        var hash = HashOf(key);
        var userId = UserIdOf(ticket);
        var now = Now(context);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ExpiresAt(ticket, now);
        await using var scope = context.RequestServices.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>().StaffSessions
            .Where(s => s.KeyHash == hash && s.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.RenewedAt, now).SetProperty(s => s.ExpiresAt, expires), ct);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext context, CancellationToken ct)
    {
        try
        {
            return await ReadAsync(key, context, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not thrown from here: the cookie handler keeps its first result for the request, and the error page, re-executed
            // in the same request, must find no session rather than this failure again. UseStaffSessions throws it after.
            context.Items[UnreadableItem] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            return null;
        }
    }

    internal const string UnreadableItem = "BackOffice.SessionUnreadable";

    /// <summary>
    /// Right after authentication: a session that could not be read (the database not answering) fails the request — the error
    /// page then says so — instead of letting it go on as if nobody were signed in. The error page itself passes.
    /// </summary>
    public static IApplicationBuilder FailUnreadable(IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Items[UnreadableItem] is System.Runtime.ExceptionServices.ExceptionDispatchInfo failure && !IsErrorPage(context)) failure.Throw();
        return next(context);
    });

    internal static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null
        || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;

    private static async Task<AuthenticationTicket?> ReadAsync(string key, HttpContext context, CancellationToken ct)
    {
        var hash = HashOf(key);
        var db = context.RequestServices.GetRequiredService<BackOfficeDbContext>();
        var now = Now(context);
        // The first query of every signed-in request: a read, made again on a fresh connection after a database restart (issue 17).
        var row = await Database.Replayable.RunAsync(db, token => db.StaffSessions.AsNoTracking()
            .Where(s => s.KeyHash == hash && s.ExpiresAt > now)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Ticket, u.SecurityStamp, u.DisabledAt })
            .FirstOrDefaultAsync(token), ct);
        if (row is null || row.DisabledAt is not null) return null;
        var ticket = TicketSerializer.Default.Deserialize(row.Ticket);
        if (ticket is null) return null;
        var stampType = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (ticket.Principal.FindFirstValue(stampType) != row.SecurityStamp) ticket.Properties.Items[RefreshItem] = "1";
        context.Items[CurrentKeyItem] = hash;
        return ticket;
    }

    public async Task RemoveAsync(string key, HttpContext context, CancellationToken ct)
    {
        var hash = HashOf(key);
        await using var scope = context.RequestServices.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>().StaffSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The cookie's principal check at every request: when <see cref="RetrieveAsync"/> found a new security stamp, the principal
    /// is made again from the account (roles as they are now), keeping how the session was opened; a session whose account may
    /// no longer sign in ends.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (!context.Properties.Items.Remove(RefreshItem) || context.Principal is null) return;
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<StaffUser>>();
        var user = await signIn.UserManager.GetUserAsync(context.Principal);
        if (user is null || !await signIn.CanSignInAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var claim in context.Principal.Claims.Where(c => c.Type is SignInMethods.AmrClaim or ClaimTypes.AuthenticationMethod).ToList())
            identity.AddClaim(new Claim(claim.Type, claim.Value));
        context.ReplacePrincipal(principal);
        context.ShouldRenew = true;
    }

    /// <summary>Ends every session of the account (disabled, two-factor reset), or all but the one given (the person's "end my other sessions").</summary>
    public static Task<int> EndAsync(BackOfficeDbContext db, Guid userId, string? exceptKeyHash = null, CancellationToken ct = default) =>
        db.StaffSessions.Where(s => s.UserId == userId && (exceptKeyHash == null || s.KeyHash != exceptKeyHash)).ExecuteDeleteAsync(ct);

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket, DateTimeOffset now) => ticket.Properties.ExpiresUtc ?? now.AddHours(8);

    private static Guid? UserIdOf(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static string? MethodOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.AuthenticationMethod)
        ?? (SignInMethods.IsMultiFactor(ticket.Principal) ? SignInMethods.Authenticator : SignInMethods.Password);
}

public static class StaffSessionsPipeline
{
    /// <summary>See <see cref="StaffSessions.FailUnreadable"/>; right after <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder UseStaffSessions(this IApplicationBuilder app) => StaffSessions.FailUnreadable(app);
}
