using BackOffice.Data;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Search;
using BackOffice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Admin.Users;

/// <summary>One staff account as the list shows it.</summary>
public sealed record StaffRow(Guid Id, string Name, string Email, IReadOnlyList<string> Roles, StaffStatus Status, bool TwoFactor, DateTimeOffset? LastSignIn);

public sealed record StaffListPage(IReadOnlyList<StaffRow> Rows, int Total, int Page, int PageCount);

/// <summary>The staff list: found by name or address (accent- and case-insensitive, any fragment), by role and by state, by name, paged in the database.</summary>
public static class StaffList
{
    public const int PageSize = 50;

    public static async Task<StaffListPage> ReadAsync(BackOfficeDbContext db, string? query, string? role, StaffStatus? status, int page, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var pattern = SearchText.Contains(query.Trim());
            users = users.Where(u => EF.Functions.Like(SearchText.Normalize(u.DisplayName + " " + u.Email), SearchText.Normalize(pattern), @"\"));
        }
        if (role is not null && Roles.All.Contains(role))
        {
            var roleId = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        }
        users = status switch
        {
            StaffStatus.Disabled => users.Where(u => u.DisabledAt != null),
            StaffStatus.Invited => users.Where(u => u.DisabledAt == null && u.PasswordHash == null),
            StaffStatus.Active => users.Where(u => u.DisabledAt == null && u.PasswordHash != null),
            _ => users,
        };
        var total = await users.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Skip(Paging.Skip(page, PageSize)).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.DisabledAt, HasPassword = u.PasswordHash != null, u.TwoFactorEnabled,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                LastSignIn = db.AuditEvents.Where(e => e.EntityType == nameof(StaffUser) && e.EntityId == u.Id.ToString() && e.Action == BackOffice.Data.Domain.Audit.AuditActions.SignIn)
                    .Max(e => (DateTimeOffset?)e.OccurredAt),
            })
            .ToListAsync(ct);
        return new(rows.Select(u => new StaffRow(u.Id, u.DisplayName, u.Email ?? "", Roles.All.Where(u.Roles.Contains).ToList(),
            u.DisabledAt is not null ? StaffStatus.Disabled : u.HasPassword ? StaffStatus.Active : StaffStatus.Invited, u.TwoFactorEnabled, u.LastSignIn)).ToList(),
            total, page, pageCount);
    }
}
