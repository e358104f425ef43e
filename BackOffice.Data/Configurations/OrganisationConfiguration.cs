using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Data.Configurations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(300);
        b.Property(o => o.OrganisationNumber).HasMaxLength(40);
        b.HasIndex(o => o.OrganisationNumber).IsUnique();
        b.Property<string>(SearchText.Column).HasComputedColumnSql(SearchText.OrganisationSql, stored: true);
        b.HasIndex(SearchText.Column).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
