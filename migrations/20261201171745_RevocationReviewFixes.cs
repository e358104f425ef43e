using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <inheritdoc />
    public partial class RevocationReviewFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_certificates_revoked",
                table: "certificates");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_until",
                table: "revocation_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_failure",
                table: "revocation_requests",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "revocation_recorded_at",
                table: "certificates",
                type: "timestamp with time zone",
                nullable: true);

            // Revocations recorded before this column: when the office took the authority's answer (sent_at), else the authority's time.
            migrationBuilder.Sql("""
                UPDATE certificates c SET revocation_recorded_at = COALESCE(
                    (SELECT max(r.sent_at) FROM revocation_requests r WHERE r.certificate_id = c.id AND r.state = 'Revoked'), c.revoked_at)
                WHERE c.status = 'Revoked';
                """);

            // Failures recorded before the code: an English sentence of ours ("No answer within 30 s") or the authority's answer.
            migrationBuilder.Sql("""
                UPDATE revocation_requests SET last_failure = 'NoAnswer', last_error = NULL WHERE last_error LIKE 'No answer within %';
                UPDATE revocation_requests SET last_failure = 'Failed' WHERE last_error IS NOT NULL AND last_failure IS NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_certificates_revoked",
                table: "certificates",
                columns: new[] { "revocation_recorded_at", "id" },
                filter: "status = 'Revoked'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_certificates_revoked",
                table: "certificates");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "last_failure",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "revocation_recorded_at",
                table: "certificates");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_revoked",
                table: "certificates",
                columns: new[] { "revoked_at", "id" },
                filter: "status = 'Revoked'");
        }
    }
}
