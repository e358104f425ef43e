using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <inheritdoc />
    public partial class HomePages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_steps_approved_by",
                table: "steps",
                columns: new[] { "reviewed_by_id", "application_id" },
                filter: "status = 'Approved'");

            migrationBuilder.CreateIndex(
                name: "ix_history_entries_decisions",
                table: "history_entries",
                columns: new[] { "actor_id", "at" },
                filter: "kind IN ('StepApproved', 'StepNotApproved', 'Issued', 'Refused')");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_chain_markers",
                table: "audit_events",
                column: "position",
                filter: "action IN ('audit.checkpoint', 'audit.verified')");

            migrationBuilder.CreateIndex(
                name: "ix_applications_final_review",
                table: "applications",
                columns: new[] { "stage_changed_at", "id" },
                filter: "stage = 'AwaitingFinalReview'")
                .Annotation("Npgsql:IndexInclude", new[] { "created_by_id" });

            migrationBuilder.CreateIndex(
                name: "ix_applications_open_queue_waiting",
                table: "applications",
                columns: new[] { "queue", "stage_changed_at" },
                filter: "queue IN ('UnderProcessing', 'AwaitingReview', 'ReturnedForCompletion', 'AwaitingFinalReview')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_steps_approved_by",
                table: "steps");

            migrationBuilder.DropIndex(
                name: "ix_history_entries_decisions",
                table: "history_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_chain_markers",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "ix_applications_final_review",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ix_applications_open_queue_waiting",
                table: "applications");
        }
    }
}
