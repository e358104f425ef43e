using BackOffice.Data.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.Property(a => a.RegistryNumber).HasMaxLength(20);
        b.HasIndex(a => a.RegistryNumber).IsUnique();
        b.Property(a => a.Stage).HasConversion<string>().HasMaxLength(40);
        b.HasIndex(a => new { a.Stage, a.LastModifiedAt });
        b.HasIndex(a => new { a.PersonId, a.LastModifiedAt });
        b.Property(a => a.Queue).HasConversion<string>().HasMaxLength(30);
        // Lists of a queue in their default order; the open queues are counted from the partial index, the finished ones capped.
        b.HasIndex(a => new { a.Queue, a.LastModifiedAt });
        b.HasIndex(a => a.Queue).HasFilter("queue IN ('UnderProcessing', 'AwaitingReview', 'ReturnedForCompletion', 'AwaitingFinalReview')")
            .HasDatabaseName("ix_applications_open_queue");
        // The home page's longest-waiting application of each open queue: one index step per queue.
        b.HasIndex(a => new { a.Queue, a.StageChangedAt }).HasFilter("queue IN ('UnderProcessing', 'AwaitingReview', 'ReturnedForCompletion', 'AwaitingFinalReview')")
            .HasDatabaseName("ix_applications_open_queue_waiting");
        // The final reviews waiting, oldest first (the reviewer's home and /Reviews), and the four-eyes count among them, index only.
        b.HasIndex(a => new { a.StageChangedAt, a.Id }).IncludeProperties(a => a.CreatedById).HasFilter("stage = 'AwaitingFinalReview'")
            .HasDatabaseName("ix_applications_final_review");
        b.HasIndex(a => a.LastModifiedAt).HasFilter("awaits_acknowledgement").HasDatabaseName("ix_applications_awaiting_acknowledgement");
        b.Property(a => a.CreatedByName).HasMaxLength(200);
        b.Property(a => a.LastModifiedByName).HasMaxLength(200);
        b.Property(a => a.Version).IsRowVersion();
        b.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId);
        b.HasOne(a => a.CertificateType).WithMany().HasForeignKey(a => a.CertificateTypeId);
        b.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId);
        b.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.ApplicationId);
        b.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId);
        b.HasMany(a => a.Decisions).WithOne().HasForeignKey(d => d.ApplicationId);
        b.Navigation(a => a.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.Decisions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(a => a.IsClosed);
        b.OwnsOne(a => a.InvoiceRecipient, r =>
        {
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            r.Property(x => x.AddressLine1).HasMaxLength(200);
            r.Property(x => x.AddressLine2).HasMaxLength(200);
            r.Property(x => x.City).HasMaxLength(100);
            r.Property(x => x.Country).HasMaxLength(100);
            r.Property(x => x.Postcode).HasMaxLength(20);
            r.Property(x => x.Phone).HasMaxLength(40);
            r.Property(x => x.Email).HasMaxLength(320);
            r.Property(x => x.Reference).HasMaxLength(100);
            r.Ignore(x => x.IsComplete);
        });
    }
}

public class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> b)
    {
        b.Property(h => h.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(h => h.ActorName).HasMaxLength(200);
        b.Property(h => h.Detail).HasMaxLength(4000);
        b.HasIndex(h => new { h.ApplicationId, h.At });
        // A reviewer's own decisions of the week (their home page): only the decision lines are indexed.
        b.HasIndex(h => new { h.ActorId, h.At }).HasFilter("kind IN ('StepApproved', 'StepNotApproved', 'Issued', 'Refused')")
            .HasDatabaseName("ix_history_entries_decisions");
        b.HasOne<Domain.StandardNotes.StandardNote>().WithMany().HasForeignKey(h => h.NoteId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> b)
    {
        // Keys are made by the model: a decision added to a loaded application must be inserted, not taken for an existing row.
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Reason).HasMaxLength(4000);
        b.Property(d => d.DecidedByName).HasMaxLength(200);
    }
}

public class RegistrySequenceConfiguration : IEntityTypeConfiguration<RegistrySequence>
{
    public void Configure(EntityTypeBuilder<RegistrySequence> b)
    {
        b.HasKey(s => s.Year);
        b.Property(s => s.Year).ValueGeneratedNever();
    }
}
