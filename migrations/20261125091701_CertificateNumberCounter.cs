using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <inheritdoc />
    public partial class CertificateNumberCounter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificate_number_counters",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_number = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_number_counters", x => x.id);
                    table.CheckConstraint("ck_certificate_number_counters_single_row", "id = 1");
                });

            // The counter goes on from the last number the sequence gave out (0 if it never gave one).
            migrationBuilder.Sql("""
                INSERT INTO certificate_number_counters (id, last_number)
                SELECT 1, CASE WHEN is_called THEN last_value ELSE 0 END FROM certificate_numbers;
                """);

            migrationBuilder.DropSequence(
                name: "certificate_numbers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "certificate_numbers");

            migrationBuilder.Sql("""
                SELECT setval('certificate_numbers', last_number) FROM certificate_number_counters WHERE last_number > 0;
                """);

            migrationBuilder.DropTable(
                name: "certificate_number_counters");
        }
    }
}
