using BackOffice.Data.Domain.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.MessageId).HasMaxLength(100);
        b.HasIndex(m => m.MessageId).IsUnique();
        b.Property(m => m.Template).HasMaxLength(40);
        b.Property(m => m.ToAddress).HasMaxLength(320);
        b.Property(m => m.Language).HasMaxLength(2);
        b.Property(m => m.RegistryNumber).HasMaxLength(20);
        b.Property(m => m.Model).HasColumnType("jsonb");
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // Several instances (issue 17): the end of a send is saved only by the claim that still holds the lease.
        b.Property(m => m.ClaimToken).IsConcurrencyToken();
    }
}
