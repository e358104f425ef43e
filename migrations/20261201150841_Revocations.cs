using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <inheritdoc />
    public partial class Revocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_certificate_id",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_sent_at_scheduled_send_at",
                table: "revocation_requests");

            migrationBuilder.AddColumn<Guid>(
                name: "application_id",
                table: "revocation_requests",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "revocation_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "approved_by_id",
                table: "revocation_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approved_by_name",
                table: "revocation_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "revocation_requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_attempt_at",
                table: "revocation_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "revocation_requests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "revocation_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "revocation_requests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "person_id",
                table: "revocation_requests",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<bool>(
                name: "requires_approval",
                table: "revocation_requests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "revoke_by",
                table: "revocation_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "send_at",
                table: "revocation_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "revocation_requests",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "withdrawal_reason",
                table: "revocation_requests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "revocation_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "withdrawn_by_id",
                table: "revocation_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_by_name",
                table: "revocation_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "revocation_requests",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<string>(
                name: "revocation_reason",
                table: "certificates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_application_id",
                table: "revocation_requests",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_certificate_id_submitted_at",
                table: "revocation_requests",
                columns: new[] { "certificate_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_due",
                table: "revocation_requests",
                column: "next_attempt_at",
                filter: "state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_one_open_per_certificate",
                table: "revocation_requests",
                column: "certificate_id",
                unique: true,
                filter: "state IN ('AwaitingApproval', 'Pending')");

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_person_id",
                table: "revocation_requests",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_send_at",
                table: "revocation_requests",
                column: "send_at");

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_submitted_at",
                table: "revocation_requests",
                column: "submitted_at");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_revoked",
                table: "certificates",
                columns: new[] { "revoked_at", "id" },
                filter: "status = 'Revoked'");

            migrationBuilder.AddForeignKey(
                name: "fk_revocation_requests_applications_application_id",
                table: "revocation_requests",
                column: "application_id",
                principalTable: "applications",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_revocation_requests_persons_person_id",
                table: "revocation_requests",
                column: "person_id",
                principalTable: "persons",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_revocation_requests_applications_application_id",
                table: "revocation_requests");

            migrationBuilder.DropForeignKey(
                name: "fk_revocation_requests_persons_person_id",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_application_id",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_certificate_id_submitted_at",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_due",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_one_open_per_certificate",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_person_id",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_send_at",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_revocation_requests_submitted_at",
                table: "revocation_requests");

            migrationBuilder.DropIndex(
                name: "ix_certificates_revoked",
                table: "certificates");

            migrationBuilder.DropColumn(
                name: "application_id",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "approved_by_id",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "approved_by_name",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "last_attempt_at",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "note",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "person_id",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "requires_approval",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "revoke_by",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "send_at",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "state",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "withdrawal_reason",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "withdrawn_by_id",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "withdrawn_by_name",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "revocation_requests");

            migrationBuilder.DropColumn(
                name: "revocation_reason",
                table: "certificates");

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_certificate_id",
                table: "revocation_requests",
                column: "certificate_id");

            migrationBuilder.CreateIndex(
                name: "ix_revocation_requests_sent_at_scheduled_send_at",
                table: "revocation_requests",
                columns: new[] { "sent_at", "scheduled_send_at" });
        }
    }
}
