using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Revocations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.Property(c => c.Number).HasMaxLength(40);
        b.HasIndex(c => c.Number).IsUnique();
        b.Property(c => c.SerialNumber).HasMaxLength(64);
        b.HasIndex(c => c.SerialNumber).IsUnique();
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.LatestDecision).HasMaxLength(40);
        b.Property(c => c.Version).IsRowVersion();
        b.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId);
        b.HasOne<CertificateType>().WithMany().HasForeignKey(c => c.CertificateTypeId);
        b.HasIndex(c => c.PersonId);
    }
}

public class CertificateNumberCounterConfiguration : IEntityTypeConfiguration<CertificateNumberCounter>
{
    public void Configure(EntityTypeBuilder<CertificateNumberCounter> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.ToTable(t => t.HasCheckConstraint("ck_certificate_number_counters_single_row", $"id = {CertificateNumberCounter.SingleId}"));
    }
}

public class RevocationRequestConfiguration : IEntityTypeConfiguration<RevocationRequest>
{
    public void Configure(EntityTypeBuilder<RevocationRequest> b)
    {
        b.Property(r => r.Reason).HasConversion<string>().HasMaxLength(40);
        b.Property(r => r.RequestedByName).HasMaxLength(200);
        b.HasOne<Certificate>().WithMany().HasForeignKey(r => r.CertificateId);
        b.HasIndex(r => new { r.SentAt, r.ScheduledSendAt });
        b.Ignore(r => r.DueFrom);
    }
}
