using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.FirstNames).HasMaxLength(200);
        b.Property(p => p.LastName).HasMaxLength(200);
        b.Property(p => p.NationalIdentityNumber).HasMaxLength(40);
        b.Property(p => p.Citizenship).HasMaxLength(2);
        b.Property(p => p.HomeMunicipality).HasMaxLength(100);
        b.Property(p => p.Email).HasMaxLength(320);
        b.Property(p => p.Phone).HasMaxLength(40);
        b.Property(p => p.PreferredLanguage).HasMaxLength(2);
        b.HasIndex(p => p.NationalIdentityNumber);
        b.HasIndex(p => p.Email);
        // Person search (docs/performance.md): a name or e-mail fragment through pg_trgm; name order through a btree.
        b.Property<string>(SearchText.Column).HasComputedColumnSql(SearchText.PersonSql, stored: true);
        b.HasIndex(SearchText.Column).HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasIndex(p => new { p.LastName, p.FirstNames, p.Id });
        b.HasMany(p => p.Employments).WithOne().HasForeignKey(e => e.PersonId);
        b.Navigation(p => p.Employments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(p => p.FullName);
    }
}

public class EmploymentConfiguration : IEntityTypeConfiguration<Employment>
{
    public void Configure(EntityTypeBuilder<Employment> b)
    {
        b.HasOne(e => e.Organisation).WithMany().HasForeignKey(e => e.OrganisationId);
        // An organisation's people straight from the index (person search by organisation, docs/performance.md).
        b.HasIndex(e => e.OrganisationId).IncludeProperties(e => e.PersonId);
        b.Ignore(e => e.IsConfirmed);
    }
}
