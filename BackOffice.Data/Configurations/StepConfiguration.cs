using BackOffice.Data.Domain.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class StepConfiguration : IEntityTypeConfiguration<Step>
{
    public void Configure(EntityTypeBuilder<Step> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.CreatedByName).HasMaxLength(200);
        b.Property(s => s.LastModifiedByName).HasMaxLength(200);
        b.Property(s => s.ReviewedByName).HasMaxLength(200);
        b.Property(s => s.ReviewReason).HasMaxLength(4000);
        b.Property(s => s.Version).IsRowVersion();
        b.HasIndex(s => new { s.Status, s.AwaitingReviewSince });
        // The applications whose steps a reviewer approved (the four-eyes rule on their home page), index only.
        b.HasIndex(s => new { s.ReviewedById, s.ApplicationId }).HasFilter("status = 'Approved'").HasDatabaseName("ix_steps_approved_by");
        b.HasOne(s => s.StepTemplate).WithMany().HasForeignKey(s => s.StepTemplateId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(s => s.Files).WithOne().HasForeignKey(f => f.StepId);
        b.Navigation(s => s.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(s => s.LatestFile);
    }
}

public class StepFileConfiguration : IEntityTypeConfiguration<StepFile>
{
    public void Configure(EntityTypeBuilder<StepFile> b)
    {
        // Made by the model: a new version added to a loaded step must be inserted, not taken for an existing row.
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.StorageKey).HasMaxLength(200);
        b.Property(f => f.FileName).HasMaxLength(255);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(f => f.UploadedByName).HasMaxLength(200);
        b.HasIndex(f => new { f.StepId, f.VersionNumber }).IsUnique();
    }
}
