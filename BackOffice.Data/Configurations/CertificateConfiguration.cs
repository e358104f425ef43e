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
        b.HasIndex(c => c.ApplicationId);
        b.Property(c => c.RevocationReason).HasConversion<string>().HasMaxLength(40);
        // The revoked-certificates feed reads revoked certificates in the order the office recorded them, from a time (?since=).
        b.HasIndex(c => new { c.RevocationRecordedAt, c.Id }).HasFilter("status = 'Revoked'").HasDatabaseName("ix_certificates_revoked");
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
    public const string OneOpenPerCertificateIndex = "ix_revocation_requests_one_open_per_certificate";

    public void Configure(EntityTypeBuilder<RevocationRequest> b)
    {
        b.Property(r => r.Reason).HasConversion<string>().HasMaxLength(40);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.RequestedByName).HasMaxLength(200);
        b.Property(r => r.ApprovedByName).HasMaxLength(200);
        b.Property(r => r.WithdrawnByName).HasMaxLength(200);
        b.Property(r => r.Note).HasMaxLength(RevocationRequest.MaxNoteLength);
        b.Property(r => r.WithdrawalReason).HasMaxLength(RevocationRequest.MaxWithdrawalReasonLength);
        b.Property(r => r.LastError).HasMaxLength(2000);
        b.Property(r => r.LastFailure).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).IsRowVersion();
        b.HasOne<Certificate>().WithMany().HasForeignKey(r => r.CertificateId);
        b.HasOne<Application>().WithMany().HasForeignKey(r => r.ApplicationId);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId);
        // At most one open request per certificate, whatever races: the second insert fails here.
        b.HasIndex(r => r.CertificateId).IsUnique().HasFilter(RevocationRequest.OpenSql).HasDatabaseName(OneOpenPerCertificateIndex);
        // The sender claims due rows from this index; the list and the reports read by submission and by send time.
        b.HasIndex(r => r.NextAttemptAt).HasFilter("state = 'Pending'").HasDatabaseName("ix_revocation_requests_due");
        b.HasIndex(r => new { r.CertificateId, r.SubmittedAt });
        b.HasIndex(r => r.SubmittedAt);
        b.HasIndex(r => r.SendAt);
        b.HasIndex(r => r.ApplicationId);
        b.HasIndex(r => r.PersonId);
        b.Ignore(r => r.IsOpen);
    }
}
