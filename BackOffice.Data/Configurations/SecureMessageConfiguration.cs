using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Messages;
using BackOffice.Data.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class SecureMessageConfiguration : IEntityTypeConfiguration<SecureMessage>
{
    /// <summary>The numbers of the messages' references (gaps do not matter: a reference only has to be unique).</summary>
    public const string ReferenceSequence = "secure_message_numbers";

    public void Configure(EntityTypeBuilder<SecureMessage> b)
    {
        b.Property(m => m.Reference).HasMaxLength(20);
        b.HasIndex(m => m.Reference).IsUnique();
        b.Property(m => m.SenderEmail).HasMaxLength(SenderAddress.MaxLength);
        b.HasIndex(m => new { m.SenderEmail, m.SentAt });
        b.Property(m => m.Language).HasMaxLength(2);
        b.Property(m => m.RecipientCode).HasMaxLength(40);
        b.Property(m => m.Subject).HasMaxLength(SecureMessage.MaxSubjectLength);
        b.Property(m => m.Body).HasMaxLength(SecureMessage.MaxBodyLength);
        b.Property(m => m.FirstReadByName).HasMaxLength(200);
        b.Property(m => m.HandledByName).HasMaxLength(200);
        b.Property(m => m.LinkKind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.LinkedByName).HasMaxLength(SenderAddress.MaxLength);
        b.Property(m => m.Version).IsRowVersion();
        // The inbox: open messages, unread first, newest first; the handled ones by when they were handled (and purged by it).
        b.HasIndex(m => new { m.HandledAt, m.FirstReadAt, m.SentAt });
        b.HasIndex(m => m.SentAt).HasFilter("first_read_at IS NULL").HasDatabaseName("ix_secure_messages_unread");
        b.HasIndex(m => m.PersonId);
        b.HasIndex(m => m.ApplicationId);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Application>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Replies).WithOne().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(m => m.Replies).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.IsRead);
        b.Ignore(m => m.IsHandled);
    }
}

public class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> b)
    {
        b.Property(a => a.StorageKey).HasMaxLength(200);
        b.HasIndex(a => a.StorageKey).IsUnique();
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        b.HasIndex(a => new { a.MessageId, a.Order }).IsUnique();
    }
}

public class MessageReplyConfiguration : IEntityTypeConfiguration<MessageReply>
{
    public void Configure(EntityTypeBuilder<MessageReply> b)
    {
        b.Property(r => r.Body).HasMaxLength(SecureMessage.MaxReplyLength);
        b.Property(r => r.WrittenByName).HasMaxLength(200);
        b.HasIndex(r => new { r.MessageId, r.WrittenAt });
    }
}

public class SenderVerificationConfiguration : IEntityTypeConfiguration<SenderVerification>
{
    public void Configure(EntityTypeBuilder<SenderVerification> b)
    {
        b.Property(v => v.Email).HasMaxLength(SenderAddress.MaxLength);
        b.Property(v => v.TokenHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(v => v.TokenHash).IsUnique();
        b.Property(v => v.Language).HasMaxLength(2);
        b.Property(v => v.ReturnPath).HasMaxLength(SenderVerification.MaxReturnPathLength);
        b.HasIndex(v => v.ExpiresAt);
        b.Property(v => v.Version).IsRowVersion();
    }
}
