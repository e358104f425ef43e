using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(Organisation.MaxNameLength);
        b.Property(o => o.OrganisationNumber).HasMaxLength(OrganisationNumbers.MaxLength);
        b.Property(o => o.Country).HasMaxLength(2);
        b.Property(o => o.Version).IsRowVersion();
        b.HasIndex(o => o.OrganisationNumber).IsUnique();
        b.Property<string>(SearchText.Column).HasComputedColumnSql(SearchText.OrganisationSql, stored: true);
        b.HasIndex(SearchText.Column).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
