using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations
{
    /// <summary>
    /// The database itself keeps the audit trail append-only: UPDATE, DELETE and TRUNCATE raise an error,
    /// and every inserted event must link to the event before it in the hash chain (checked at commit),
    /// while a unique position and a unique previous hash keep the chain from forking.
    /// </summary>
    public partial class AuditTrailIsAppendOnly : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
                CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

                CREATE FUNCTION audit_events_check_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE head_hash text;
                BEGIN
                    IF NEW.position = 1 THEN
                        head_hash := repeat('0', 64);
                    ELSE
                        SELECT hash INTO head_hash FROM audit_events WHERE position = NEW.position - 1;
                    END IF;
                    IF head_hash IS NULL OR NEW.previous_hash IS DISTINCT FROM head_hash THEN
                        RAISE EXCEPTION 'audit event at position % does not link to the head of the chain', NEW.position
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN NULL;
                END $$;

                -- Checked at commit, when every event of the transaction is in, whatever order they were inserted in.
                CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION audit_events_check_chain();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_events_chain ON audit_events;
                DROP TRIGGER audit_events_no_truncate ON audit_events;
                DROP TRIGGER audit_events_no_update ON audit_events;
                DROP FUNCTION audit_events_check_chain();
                DROP FUNCTION audit_events_refuse_change();
                """);
        }
    }
}
