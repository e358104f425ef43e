using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.CertificateTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class CertificateTypeConfiguration : IEntityTypeConfiguration<CertificateType>
{
    public void Configure(EntityTypeBuilder<CertificateType> b)
    {
        b.Property(t => t.Code).HasMaxLength(40);
        b.HasIndex(t => t.Code).IsUnique();
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.NameSv).HasMaxLength(200);
        b.Property(t => t.NameFi).HasMaxLength(200);
        b.Ignore(t => t.Names);
        b.Property(t => t.Eligibility).HasConversion<string>().HasMaxLength(40);
        b.Property(t => t.Stages)
            .HasConversion(
                v => v.Select(s => s.ToString()).ToArray(),
                v => v.Select(Enum.Parse<ApplicationStage>).ToArray(),
                new ValueComparer<ApplicationStage[]>((x, y) => x!.SequenceEqual(y!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToArray()))
            .HasColumnType("text[]");
        b.HasMany(t => t.StepTemplates).WithOne().HasForeignKey(s => s.CertificateTypeId);
        b.Navigation(t => t.StepTemplates).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public class StepTemplateConfiguration : IEntityTypeConfiguration<StepTemplate>
{
    public void Configure(EntityTypeBuilder<StepTemplate> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.NameSv).HasMaxLength(200);
        b.Property(s => s.NameFi).HasMaxLength(200);
        b.Property(s => s.Instructions).HasMaxLength(4000);
        b.Property(s => s.InstructionsSv).HasMaxLength(4000);
        b.Property(s => s.InstructionsFi).HasMaxLength(4000);
        b.Ignore(s => s.Names);
        b.Ignore(s => s.InstructionTexts);
        b.Property(s => s.TemplateFileKey).HasMaxLength(200);
        b.Property(s => s.TemplateFileName).HasMaxLength(255);
    }
}

public class StandardNoteConfiguration : IEntityTypeConfiguration<Domain.StandardNotes.StandardNote>
{
    public void Configure(EntityTypeBuilder<Domain.StandardNotes.StandardNote> b)
    {
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Action).HasConversion<string>().HasMaxLength(40);
        b.Property(n => n.Text).HasMaxLength(500);
        b.Property(n => n.TextSv).HasMaxLength(500);
        b.Property(n => n.TextFi).HasMaxLength(500);
        b.Ignore(n => n.Texts);
        b.HasIndex(n => n.Action);
    }
}
