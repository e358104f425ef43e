using System.Security.Claims;
using BackOffice.Data.Domain;

namespace BackOffice.Web.Infrastructure.Security;

/// <summary>The signed-in staff member of this request, as the model's <see cref="Actor"/>.</summary>
public sealed class CurrentStaff(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid? Id => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => User.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? User.Identity?.Name ?? "";

    public bool IsInRole(string role) => User.IsInRole(role);

    public Actor Actor => Id is { } id ? new Actor(id, Name) : throw new InvalidOperationException("No staff member is signed in.");
}
