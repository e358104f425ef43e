using BackOffice.Data.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.PreferredLanguage).HasMaxLength(5);
        b.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
        b.Ignore(u => u.Status);
    }
}

/// <summary>
/// Identity's passkeys, mapped here as Identity's schema version 3 maps them, on the schema the app already has (version 1):
/// version 3 would also change the lengths of existing columns, and it is read from the app's Identity options, which the
/// design-time factory and the tests' contexts do not have — so the app's model would differ from the migrations'. Identity's
/// store finds the passkeys in the model and uses them.
/// </summary>
public class StaffPasskeyConfiguration : IEntityTypeConfiguration<IdentityUserPasskey<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserPasskey<Guid>> b)
    {
        b.ToTable("AspNetUserPasskeys");
        b.HasKey(p => p.CredentialId);
        b.Property(p => p.CredentialId).HasMaxLength(1024);
        b.OwnsOne(p => p.Data).ToJson();
        b.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.UserId).IsRequired();
    }
}

public class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> b)
    {
        b.Property(i => i.TokenHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => i.UserId);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.Version).IsRowVersion();
    }
}

public class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> b)
    {
        b.HasKey(s => s.KeyHash);
        b.Property(s => s.KeyHash).HasMaxLength(64).IsFixedLength();
        b.Property(s => s.Method).HasMaxLength(30);
        b.Property(s => s.UserAgent).HasMaxLength(StaffSession.MaxUserAgent);
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => s.ExpiresAt);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class FailedSignInAddressConfiguration : IEntityTypeConfiguration<FailedSignInAddress>
{
    public void Configure(EntityTypeBuilder<FailedSignInAddress> b)
    {
        b.HasKey(a => a.AddressHash);
        b.Property(a => a.AddressHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(a => a.LastFailureAt);
    }
}
