using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <inheritdoc />
    public partial class ReferenceTextsInThreeLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "instructions_fi",
                table: "step_templates",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "instructions_sv",
                table: "step_templates",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_fi",
                table: "step_templates",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_sv",
                table: "step_templates",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "note_id",
                table: "history_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_fi",
                table: "certificate_types",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_sv",
                table: "certificate_types",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "standard_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    text_sv = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    text_fi = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    retired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standard_notes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_history_entries_note_id",
                table: "history_entries",
                column: "note_id");

            migrationBuilder.CreateIndex(
                name: "ix_standard_notes_action",
                table: "standard_notes",
                column: "action");

            migrationBuilder.AddForeignKey(
                name: "fk_history_entries_standard_notes_note_id",
                table: "history_entries",
                column: "note_id",
                principalTable: "standard_notes",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The seeds' types and steps had Swedish and Finnish names only in the interface resources: carry them over.
            migrationBuilder.Sql("""
                UPDATE certificate_types SET name_sv = v.sv, name_fi = v.fi
                FROM (VALUES
                    ('service', 'Servercertifikat', 'Palvelinvarmenne'),
                    ('citizen', 'Medborgarcertifikat', 'Kansalaisvarmenne'),
                    ('public-servant', 'Digitalt certifikat för offentligt anställda', 'Virkamiesten digitaalinen varmenne'),
                    ('external-fgas-v', 'Externt certifikat — F-gas kategori V', 'Ulkoinen pätevyystodistus — F-kaasu luokka V')
                ) AS v(code, sv, fi)
                WHERE certificate_types.code = v.code AND certificate_types.name_sv IS NULL AND certificate_types.name_fi IS NULL;

                UPDATE step_templates SET name_sv = v.name_sv, name_fi = v.name_fi, instructions_sv = v.instructions_sv, instructions_fi = v.instructions_fi
                FROM (VALUES
                    ('Certificate signing request', 'Begäran om certifikatsignering', 'Varmennepyyntö',
                     'Ladda upp tjänstens begäran om certifikatsignering som en PDF-utskrift eller bild.', 'Lataa palvelun varmennepyyntö PDF-tulosteena tai kuvana.'),
                    ('Authorisation from the organisation', 'Fullmakt från organisationen', 'Organisaation valtuutus',
                     'Ladda upp den undertecknade fullmakten från organisationens företrädare.', 'Lataa organisaation edustajan allekirjoittama valtuutus.'),
                    ('Copy of active external certificate', 'Kopia av giltigt externt certifikat', 'Kopio voimassa olevasta ulkoisesta todistuksesta',
                     'Ladda upp en PDF eller en bild av god kvalitet av ditt giltiga externa certifikat.', 'Lataa hyvälaatuinen PDF tai kuva voimassa olevasta ulkoisesta todistuksestasi.')
                ) AS v(name, name_sv, name_fi, instructions_sv, instructions_fi)
                WHERE step_templates.name = v.name AND step_templates.name_sv IS NULL AND step_templates.name_fi IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_history_entries_standard_notes_note_id",
                table: "history_entries");

            migrationBuilder.DropTable(
                name: "standard_notes");

            migrationBuilder.DropIndex(
                name: "ix_history_entries_note_id",
                table: "history_entries");

            migrationBuilder.DropColumn(
                name: "instructions_fi",
                table: "step_templates");

            migrationBuilder.DropColumn(
                name: "instructions_sv",
                table: "step_templates");

            migrationBuilder.DropColumn(
                name: "name_fi",
                table: "step_templates");

            migrationBuilder.DropColumn(
                name: "name_sv",
                table: "step_templates");

            migrationBuilder.DropColumn(
                name: "note_id",
                table: "history_entries");

            migrationBuilder.DropColumn(
                name: "name_fi",
                table: "certificate_types");

            migrationBuilder.DropColumn(
                name: "name_sv",
                table: "certificate_types");
        }
    }
}
