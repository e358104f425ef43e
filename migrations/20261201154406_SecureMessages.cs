using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <inheritdoc />
    public partial class SecureMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "secure_message_numbers");

            migrationBuilder.CreateTable(
                name: "secure_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sender_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    recipient_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_read_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handled_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    handled_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    link_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    linked_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_secure_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_secure_messages_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_secure_messages_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "sender_verifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    token_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    return_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    session_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sender_verifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "message_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    storage_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_message_attachments_secure_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "secure_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_replies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    written_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    written_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    read_by_sender_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_replies", x => x.id);
                    table.ForeignKey(
                        name: "fk_message_replies_secure_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "secure_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_message_attachments_message_id_order",
                table: "message_attachments",
                columns: new[] { "message_id", "order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_attachments_storage_key",
                table: "message_attachments",
                column: "storage_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_replies_message_id_written_at",
                table: "message_replies",
                columns: new[] { "message_id", "written_at" });

            migrationBuilder.CreateIndex(
                name: "ix_secure_messages_application_id",
                table: "secure_messages",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_secure_messages_handled_at_first_read_at_sent_at",
                table: "secure_messages",
                columns: new[] { "handled_at", "first_read_at", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_secure_messages_person_id",
                table: "secure_messages",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_secure_messages_reference",
                table: "secure_messages",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_secure_messages_sender_email_sent_at",
                table: "secure_messages",
                columns: new[] { "sender_email", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_secure_messages_unread",
                table: "secure_messages",
                column: "sent_at",
                filter: "first_read_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sender_verifications_expires_at",
                table: "sender_verifications",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_sender_verifications_token_hash",
                table: "sender_verifications",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_attachments");

            migrationBuilder.DropTable(
                name: "message_replies");

            migrationBuilder.DropTable(
                name: "sender_verifications");

            migrationBuilder.DropTable(
                name: "secure_messages");

            migrationBuilder.DropSequence(
                name: "secure_message_numbers");
        }
    }
}
