using BackOffice.Data.Domain.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> b)
    {
        b.ToTable("export_jobs");
        b.Property(j => j.Report).HasConversion<string>().HasMaxLength(20);
        b.Property(j => j.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        b.Property(j => j.Filters).HasColumnType("jsonb");
        b.Property(j => j.RequestedByName).HasMaxLength(200);
        b.Property(j => j.Language).HasMaxLength(5);
        b.Property(j => j.FileName).HasMaxLength(200);
        b.Property(j => j.StorageKey).HasMaxLength(200);
        b.Property(j => j.FailureCode).HasMaxLength(80);
        // The workers' claim (oldest waiting first) and the sweep of expired files; the requester's own list.
        b.HasIndex(j => new { j.State, j.RequestedAt });
        b.HasIndex(j => new { j.RequestedById, j.RequestedAt });
    }
}
