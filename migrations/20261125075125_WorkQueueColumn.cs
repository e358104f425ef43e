using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <inheritdoc />
    public partial class WorkQueueColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "awaits_acknowledgement",
                table: "applications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "queue",
                table: "applications",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            // The same placing as Application.RefreshQueue, for the applications that exist already.
            migrationBuilder.Sql("""
                UPDATE applications a SET
                    awaits_acknowledgement = a.archived_at IS NULL
                        AND EXISTS (SELECT 1 FROM decisions d WHERE d.application_id = a.id AND d.acknowledged_at IS NULL),
                    queue = CASE
                        WHEN a.archived_at IS NOT NULL THEN 'Archive'
                        WHEN a.stage IN ('Issued', 'Cancelled', 'Rejected') THEN 'Completed'
                        WHEN EXISTS (SELECT 1 FROM steps s WHERE s.application_id = a.id AND s.status = 'AwaitingReview') THEN 'AwaitingReview'
                        WHEN a.stage = 'ReturnedForCompletion' THEN 'ReturnedForCompletion'
                        WHEN a.stage = 'AwaitingFinalReview' THEN 'AwaitingFinalReview'
                        ELSE 'UnderProcessing'
                    END
                """);

            migrationBuilder.CreateIndex(
                name: "ix_applications_awaiting_acknowledgement",
                table: "applications",
                column: "last_modified_at",
                filter: "awaits_acknowledgement");

            migrationBuilder.CreateIndex(
                name: "ix_applications_open_queue",
                table: "applications",
                column: "queue",
                filter: "queue IN ('UnderProcessing', 'AwaitingReview', 'ReturnedForCompletion', 'AwaitingFinalReview')");

            migrationBuilder.CreateIndex(
                name: "ix_applications_queue_last_modified_at",
                table: "applications",
                columns: new[] { "queue", "last_modified_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_applications_awaiting_acknowledgement",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ix_applications_open_queue",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ix_applications_queue_last_modified_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "awaits_acknowledgement",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "queue",
                table: "applications");
        }
    }
}
