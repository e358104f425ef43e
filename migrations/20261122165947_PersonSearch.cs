using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <summary>
    /// Person search (issue 3): <c>search_normalize</c>, an IMMUTABLE wrapper of unaccent (which is only STABLE, as
    /// its dictionary could change) so that generated columns and indexes may use it; stored generated
    /// <c>search_text</c> columns on persons and organisations with pg_trgm GIN indexes; a btree for name order;
    /// the organisation index of employments covers person_id.
    /// </summary>
    public partial class PersonSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_employments_organisation_id",
                table: "employments");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,");

            // Qualified names: the function must not depend on the caller's search_path (restores, pg_dump).
            migrationBuilder.Sql("""
                CREATE FUNCTION search_normalize(value text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN pg_catalog.translate(pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, value)), 'ς', 'σ');
                """);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "persons",
                type: "text",
                nullable: true,
                computedColumnSql: "search_normalize(first_names || ' ' || last_name || ' ' || email)",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "organisations",
                type: "text",
                nullable: true,
                computedColumnSql: "search_normalize(name)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_persons_last_name_first_names_id",
                table: "persons",
                columns: new[] { "last_name", "first_names", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_persons_search_text",
                table: "persons",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_search_text",
                table: "organisations",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_employments_organisation_id",
                table: "employments",
                column: "organisation_id")
                .Annotation("Npgsql:IndexInclude", new[] { "person_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_persons_last_name_first_names_id",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "ix_persons_search_text",
                table: "persons");

            migrationBuilder.DropIndex(
                name: "ix_organisations_search_text",
                table: "organisations");

            migrationBuilder.DropIndex(
                name: "ix_employments_organisation_id",
                table: "employments");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "organisations");

            migrationBuilder.Sql("DROP FUNCTION search_normalize(text);");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_employments_organisation_id",
                table: "employments",
                column: "organisation_id");
        }
    }
}
