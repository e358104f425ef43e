using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Staff;

namespace BackOffice.Tests.Domain;

/// <summary>The rules of staff accounts the model keeps: roles' separation of duties, one-time links, lockout of unknown addresses, authenticator replay.</summary>
public class StaffRulesTests
{
    public static TheoryData<string[], string?> RoleCombinations() => new()
    {
        { [Roles.Administrator], null },
        { [Roles.Reviewer, Roles.Administrator, Roles.Auditor], null },
        { [Roles.SystemAdministrator], null },
        { [Roles.SystemAdministrator, Roles.Administrator], ErrorCodes.StaffRolesSeparated },
        { [Roles.SystemAdministrator, Roles.Reviewer], ErrorCodes.StaffRolesSeparated },
        { [Roles.Auditor, Roles.SystemAdministrator], ErrorCodes.StaffRolesSeparated },
        { [Roles.SystemAdministrator, Roles.Administrator, Roles.Reviewer, Roles.Auditor], ErrorCodes.StaffRolesSeparated },
        { [], ErrorCodes.StaffRoleRequired },
        { ["", " "], ErrorCodes.StaffRoleRequired },
        { ["Superuser"], ErrorCodes.StaffRoleUnknown },
        { [Roles.Administrator, "administrator"], ErrorCodes.StaffRoleUnknown },
    };

    [Theory]
    [MemberData(nameof(RoleCombinations))]
    public void Combination_KeepsSeparationOfDuties(string[] roles, string? refusal)
    {
        if (refusal is null) Assert.Equal(Roles.All.Where(roles.Contains), Roles.Combination(roles));
        else Assert.Equal(refusal, Assert.Throws<DomainException>(() => Roles.Combination(roles)).Code);
    }

    [Fact]
    public void Invitation_WorksOnce_UntilItExpires()
    {
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var (invitation, token) = StaffInvitation.Issue(Guid.NewGuid(), at, TimeSpan.FromHours(72));
        Assert.Equal(StaffInvitation.HashOf(token), invitation.TokenHash);
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.True(token.Length >= 43);
        Assert.Null(invitation.Refusal(at.AddHours(71)));

        invitation.Use(at.AddHours(1));
        Assert.Equal(ErrorCodes.InvitationUsed, Assert.Throws<DomainException>(() => invitation.Use(at.AddHours(2))).Code);

        var (late, _) = StaffInvitation.Issue(Guid.NewGuid(), at, TimeSpan.FromHours(72));
        Assert.Equal(ErrorCodes.InvitationExpired, Assert.Throws<DomainException>(() => late.Use(at.AddHours(72))).Code);

        var (replaced, _) = StaffInvitation.Issue(Guid.NewGuid(), at, TimeSpan.FromHours(72));
        replaced.Revoke(at.AddMinutes(5));
        Assert.Equal(ErrorCodes.InvitationReplaced, replaced.Refusal(at.AddMinutes(6)));
    }

    [Fact]
    public void UnknownAddress_IsLockedAfterTheFifthFailure_ForTheLockoutTime_ThenCountsAfresh()
    {
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var address = new FailedSignInAddress(new string('a', 64));
        for (var i = 0; i < 4; i++) address.RecordFailure(at, 5, TimeSpan.FromMinutes(15));
        Assert.False(address.IsLockedOut(at));
        address.RecordFailure(at, 5, TimeSpan.FromMinutes(15));
        Assert.True(address.IsLockedOut(at.AddMinutes(14)));
        Assert.Equal(at.AddMinutes(15), address.LockoutEnd);
        Assert.False(address.IsLockedOut(at.AddMinutes(16)));
        address.RecordFailure(at.AddMinutes(16), 5, TimeSpan.FromMinutes(15));
        Assert.False(address.IsLockedOut(at.AddMinutes(16)));
    }

    [Fact]
    public void AuthenticatorTimeStep_IsAcceptedOnce_AndNoEarlierOneAfterIt()
    {
        var user = new StaffUser();
        Assert.True(user.AcceptTotpTimeStep(100));
        Assert.False(user.AcceptTotpTimeStep(100));
        Assert.False(user.AcceptTotpTimeStep(99));
        Assert.True(user.AcceptTotpTimeStep(101));
        user.ForgetTotpTimeStep();
        Assert.True(user.AcceptTotpTimeStep(50));
    }

    [Fact]
    public void DisablingTwice_OrEnablingAnActiveAccount_IsRefused()
    {
        var user = new StaffUser { PasswordHash = "x" };
        Assert.Equal(StaffStatus.Active, user.Status);
        user.Disable(DateTimeOffset.UnixEpoch);
        Assert.Equal(StaffStatus.Disabled, user.Status);
        Assert.Equal(ErrorCodes.StaffAlreadyDisabled, Assert.Throws<DomainException>(() => user.Disable(DateTimeOffset.UnixEpoch)).Code);
        user.Enable();
        Assert.Equal(ErrorCodes.StaffNotDisabled, Assert.Throws<DomainException>(user.Enable).Code);
        Assert.Equal(StaffStatus.Invited, new StaffUser().Status);
    }
}
