using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Staff;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Staff;

/// <summary>
/// The one place staff accounts change (the System administrator's pages, the <c>invite-staff</c> command and the set-password
/// link): invite, a new set-password link, roles, disable and enable, reset two-factor, set the password. Each is one
/// transaction: the account, its roles, the invitation, the e-mail in the outbox and the audit event. The rules: the roles'
/// separation of duties (<see cref="Roles.Combination"/>); nobody changes their own account here (so the office always keeps
/// the System administrator who acts); a form that saw an older account is refused (the concurrency stamp).
/// </summary>
public sealed class StaffAccounts(BackOfficeDbContext db, UserManager<StaffUser> users, TimeProvider clock, AuditTrail audit, IConfiguration config)
{
    public const int MaxNameLength = 200;

    /// <summary>How long a set-password link is good for (<c>Staff:InvitationHours</c>, 72).</summary>
    public TimeSpan LinkLifetime => TimeSpan.FromHours(Math.Clamp(config.GetValue("Staff:InvitationHours", 72), 1, 24 * 30));

    public sealed record Invitation(StaffUser User, string Link, DateTimeOffset ExpiresAt);

    /// <summary>A new account (no password yet) with its roles and a one-time link to set the password, e-mailed through the outbox unless <paramref name="mail"/> is false.</summary>
    public async Task<Invitation> InviteAsync(string name, string email, IEnumerable<string> roles, string language, Actor by, Uri site,
        bool mail = true, CancellationToken ct = default)
    {
        var chosen = Roles.Combination(roles);
        name = name?.Trim() ?? "";
        email = email?.Trim() ?? "";
        if (name.Length == 0) throw new DomainException(ErrorCodes.StaffNameRequired, "A staff member needs a name.");
        if (name.Length > MaxNameLength) throw new DomainException(ErrorCodes.FieldTooLong, "The name is too long.");
        if (await users.FindByEmailAsync(email) is not null) throw new DomainException(ErrorCodes.StaffEmailTaken, "The e-mail address is in use.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var user = new StaffUser { UserName = email, Email = email, DisplayName = name, LockoutEnabled = true, CreatedAt = now };
        user.RememberLanguage(language is "sv" or "fi" ? language : "en");
        var created = await Checked(() => users.CreateAsync(user));
        if (!created.Succeeded)
            throw created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? new DomainException(ErrorCodes.StaffEmailTaken, "The e-mail address is in use.")
                : created.Errors.Any(e => e.Code is "InvalidEmail" or "InvalidUserName")
                    ? new DomainException(ErrorCodes.StaffEmailInvalid, "The e-mail address is not valid.")
                    : new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Code)));
        Require(await users.AddToRolesAsync(user, chosen));
        var (link, expires) = NewLink(user, site, now, mail);
        audit.Add(by, AuditActions.StaffInvited, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?>
        {
            ["name"] = user.DisplayName, ["email"] = user.Email, ["roles"] = string.Join(",", chosen), ["expiresAt"] = Iso(expires),
            ["mailed"] = mail ? "true" : "false",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Invitation(user, link, expires);
    }

    /// <summary>A new one-time link by e-mail (the earlier ones stop working): for an invitation that expired, or a forgotten password.</summary>
    public async Task<Invitation> SendNewLinkAsync(Guid userId, Actor by, Uri site, CancellationToken ct = default)
    {
        var user = await FindAsync(userId, ct);
        if (user.Status == StaffStatus.Disabled) throw new DomainException(ErrorCodes.StaffDisabled, "The account is disabled.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var open in await db.StaffInvitations.Where(i => i.UserId == userId && i.UsedAt == null && i.RevokedAt == null).ToListAsync(ct))
            open.Revoke(now);
        var (link, expires) = NewLink(user, site, now, mail: true);
        audit.Add(by, AuditActions.StaffLinkSent, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?>
        {
            ["name"] = user.DisplayName, ["expiresAt"] = Iso(expires),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Invitation(user, link, expires);
    }

    /// <summary>The invitation a link's token names, for the set-password page to say whose it is and whether it still works.</summary>
    public async Task<(StaffInvitation Invitation, StaffUser User)?> FindLinkAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = StaffInvitation.HashOf(token.Trim());
        var invitation = await db.StaffInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null) return null;
        var user = await users.FindByIdAsync(invitation.UserId.ToString());
        return user is null ? null : (invitation, user);
    }

    /// <summary>Uses the link once: sets the password (replacing any earlier one) and confirms the address; audited as <c>staff.password-set</c>.</summary>
    public async Task<StaffUser> SetPasswordAsync(string? token, string password, CancellationToken ct = default)
    {
        var found = await FindLinkAsync(token, ct) ?? throw new DomainException(ErrorCodes.InvitationUnknown, "There is no such link.");
        var (invitation, user) = found;
        if (user.Status == StaffStatus.Disabled) throw new DomainException(ErrorCodes.StaffDisabled, "The account is disabled.");
        var now = clock.GetUtcNow();
        if (invitation.Refusal(now) is { } refusal) throw new DomainException(refusal, "This set-password link cannot be used.");
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } refused) throw new PasswordRejectedException(refused.Errors);
        invitation.Use(now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await users.HasPasswordAsync(user)) Require(await users.RemovePasswordAsync(user));
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded) throw new PasswordRejectedException(added.Errors);
        user.EmailConfirmed = true;
        Require(await users.UpdateAsync(user));
        await StaffSessions.EndAsync(db, user.Id, ct: ct);
        audit.Add(user.AsActor(), AuditActions.StaffPasswordSet, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?> { ["name"] = user.DisplayName });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException) // the same link used twice at once: the other use won
        {
            throw new DomainException(ErrorCodes.InvitationUsed, "The link has been used.");
        }
        await transaction.CommitAsync(ct);
        return user;
    }

    /// <summary>Sets the account's roles; the form's <paramref name="stamp"/> must be the account's concurrency stamp it was shown with.</summary>
    public async Task<IReadOnlyList<string>> ChangeRolesAsync(Guid userId, IEnumerable<string> roles, string? stamp, Actor by, CancellationToken ct = default)
    {
        var user = await ForChangeAsync(userId, stamp, by, ct);
        var chosen = Roles.Combination(roles);
        var before = Roles.All.Where((await users.GetRolesAsync(user)).Contains).ToList();
        if (before.SequenceEqual(chosen)) return chosen;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Require(await users.RemoveFromRolesAsync(user, before.Except(chosen)));
        Require(await users.AddToRolesAsync(user, chosen.Except(before)));
        // The account's sessions read their roles again at their next request (StaffSessions).
        Require(await users.UpdateSecurityStampAsync(user));
        audit.Add(by, AuditActions.StaffRolesChanged, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?>
        {
            ["name"] = user.DisplayName, ["from"] = string.Join(",", before), ["to"] = string.Join(",", chosen),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return chosen;
    }

    /// <summary>Disables the account: it cannot sign in, and its sessions end at their next request.</summary>
    public async Task DisableAsync(Guid userId, string? stamp, Actor by, CancellationToken ct = default)
    {
        var user = await ForChangeAsync(userId, stamp, by, ct);
        user.Disable(clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Require(await users.UpdateSecurityStampAsync(user));
        var ended = await StaffSessions.EndAsync(db, user.Id, ct: ct);
        audit.Add(by, AuditActions.StaffDisabled, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?>
        {
            ["name"] = user.DisplayName, ["sessionsEnded"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task EnableAsync(Guid userId, string? stamp, Actor by, CancellationToken ct = default)
    {
        var user = await ForChangeAsync(userId, stamp, by, ct);
        user.Enable();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Require(await users.UpdateSecurityStampAsync(user));
        audit.Add(by, AuditActions.StaffEnabled, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?> { ["name"] = user.DisplayName });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// For a lost phone: removes the authenticator app, the recovery codes and the passkeys, and ends the sessions. At the next
    /// sign-in (with the password) the person enrols again when two-factor is required.
    /// </summary>
    public async Task ResetTwoFactorAsync(Guid userId, string? stamp, Actor by, CancellationToken ct = default)
    {
        var user = await ForChangeAsync(userId, stamp, by, ct);
        var passkeys = await users.GetPasskeysAsync(user);
        if (!user.TwoFactorEnabled && passkeys.Count == 0)
            throw new DomainException(ErrorCodes.StaffHasNoTwoFactor, "The account has no second factor to reset.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Require(await users.SetTwoFactorEnabledAsync(user, false));
        // A new key nobody holds (the lost phone's codes stop working); the person is shown it when they enrol again.
        Require(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        foreach (var passkey in passkeys) Require(await users.RemovePasskeyAsync(user, passkey.CredentialId));
        user.ForgetTotpTimeStep();
        Require(await users.UpdateSecurityStampAsync(user));
        var ended = await StaffSessions.EndAsync(db, user.Id, ct: ct);
        audit.Add(by, AuditActions.StaffTwoFactorReset, nameof(StaffUser), user.Id.ToString(), details: new Dictionary<string, string?>
        {
            ["name"] = user.DisplayName, ["passkeys"] = passkeys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sessionsEnded"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private (string Link, DateTimeOffset ExpiresAt) NewLink(StaffUser user, Uri site, DateTimeOffset now, bool mail)
    {
        var (invitation, token) = StaffInvitation.Issue(user.Id, now, LinkLifetime);
        db.StaffInvitations.Add(invitation);
        var link = new Uri(site, "/Account/SetPassword?token=" + Uri.EscapeDataString(token)).ToString();
        if (mail)
            db.OutboxMessages.Add(OutboxMessage.Create(MailTemplate.StaffInvitation, user.Email!, user.PreferredLanguage ?? "en", null,
                new Dictionary<string, string?> { ["name"] = user.DisplayName, ["link"] = link, ["expiresAt"] = Iso(invitation.ExpiresAt) }, now));
        return (link, invitation.ExpiresAt);
    }

    private async Task<StaffUser> FindAsync(Guid userId, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new StaffNotFoundException();

    private async Task<StaffUser> ForChangeAsync(Guid userId, string? stamp, Actor by, CancellationToken ct)
    {
        var user = await FindAsync(userId, ct);
        if (by.UserId == user.Id) throw new DomainException(ErrorCodes.StaffOwnAccount, "Nobody changes their own account here.");
        if (stamp is not null && stamp != user.ConcurrencyStamp) throw new DomainException(ErrorCodes.StaffChangedMeanwhile, "The account changed meanwhile.");
        return user;
    }

    private static async Task<IdentityResult> Checked(Func<Task<IdentityResult>> create)
    {
        try
        {
            return await create();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail" });
        }
    }

    private static void Require(IdentityResult result)
    {
        if (result.Succeeded) return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new DomainException(ErrorCodes.StaffChangedMeanwhile, "The account changed meanwhile.");
        throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>No staff account has that id (the page answers 404).</summary>
public sealed class StaffNotFoundException() : Exception("No such staff account.");

/// <summary>The password does not meet the rules; <see cref="Errors"/> says which (Identity's codes, each with a message of ours).</summary>
public sealed class PasswordRejectedException(IEnumerable<IdentityError> errors) : Exception("The password does not meet the rules.")
{
    public IReadOnlyList<IdentityError> Errors { get; } = errors.ToList();
}
