using BackOffice.Data.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

/// <summary>The append-only audit table; the triggers that guard it are in the migration.</summary>
public class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasIndex(e => e.Position).IsUnique();
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.Action).HasMaxLength(80);
        b.Property(e => e.EntityType).HasMaxLength(60);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.Details).HasColumnType("jsonb");
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(e => e.PreviousHash).IsUnique();
        b.HasIndex(e => new { e.PersonId, e.OccurredAt });
        b.HasIndex(e => new { e.ApplicationId, e.OccurredAt });
        b.HasIndex(e => e.OccurredAt);
        // The latest checkpoint and the latest verification (the Auditor's home page), however long the trail has grown since.
        b.HasIndex(e => e.Position, "ix_audit_events_chain_markers").HasFilter("action IN ('audit.checkpoint', 'audit.verified')").HasDatabaseName("ix_audit_events_chain_markers");
        // A staff account's or an organisation's own event log.
        b.HasIndex(e => new { e.EntityType, e.EntityId, e.OccurredAt });
        b.Ignore(e => e.IsIntact);
    }
}
