using System.Data.Common;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace BackOffice.Web.Pages.Reports;

/// <summary>
/// The application history as an export: every history line and every decision of the applications the filters select (person,
/// organisation, certificate type, current stage; lines and decisions within the date range), oldest first, each line as its
/// sentence. One UNION ALL read as a stream straight from Npgsql: a million rows never sit in memory.
/// </summary>
public sealed class HistoryReport(BackOfficeDbContext db, OfficeTime time, IStringLocalizer<SharedResource> localizer) : IRowReport
{
    public ExportReport Report => ExportReport.History;
    public string Code => RowExports.CodeOf(Report);

    public async Task<long> CountAsync(ReportFilter filter, long? cap, CancellationToken ct)
    {
        await using var command = await CommandAsync(filter, cap is { } n ? $"SELECT count(*) FROM (SELECT 1 FROM ({Lines(filter)}) l LIMIT {n + 1}) c" : $"SELECT count(*) FROM ({Lines(filter)}) l", ct);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task WriteAsync(ReportFilter filter, TableWriter writer, Func<long, Task> progress, CancellationToken ct)
    {
        var l = new CachedLocalizer(localizer);
        writer.BeginTable(l["Report.History.Sheet"],
        [
            new(l["Report.Column.Time"], CellKind.DateTime, 20), new(l["Report.Column.Application"], Width: 16), new(l["Report.Column.Person"], Width: 26),
            new(l["Report.Column.Type"], Width: 34), new(l["Report.Column.Organisation"], Width: 30), new(l["Report.Column.Stage"], Width: 28),
            new(l["Report.Column.Entry"], Width: 12), new(l["Report.Column.What"], Width: 60), new(l["Report.Column.By"], Width: 24),
            new(l["Report.Column.Detail"], Width: 40), new(l["Report.Column.Acknowledged"], CellKind.DateTime, 20),
        ]);
        var types = new Dictionary<string, string>();
        var stages = Enum.GetValues<ApplicationStage>().ToDictionary(s => s.ToString(), s => l.Stage(s));
        var (historyEntry, decisionEntry) = (l["Report.Entry.History"].Value, l["Report.Entry.Decision"].Value);
        await using var command = await CommandAsync(filter, $"{Lines(filter)} ORDER BY at, registry_number, is_decision, line", ct);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        long n = 0;
        while (await reader.ReadAsync(ct))
        {
            var at = reader.GetFieldValue<DateTimeOffset>(0);
            var isDecision = reader.GetBoolean(2);
            var kind = reader.GetString(3);
            var actor = reader.GetString(4);
            var detail = reader.IsDBNull(5) ? null : reader.GetString(5);
            DateTimeOffset? acknowledged = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6);
            Guid? actorId = reader.IsDBNull(7) ? null : reader.GetGuid(7);
            Guid? noteId = reader.IsDBNull(8) ? null : reader.GetGuid(8);
            var registryNumber = reader.GetString(9);
            var person = reader.GetString(10);
            var type = reader.GetString(11);
            var organisation = reader.IsDBNull(12) ? null : reader.GetString(12);
            var stage = reader.GetString(13);

            writer.Time(at);
            writer.Text(registryNumber);
            writer.Text(person);
            writer.Text(types.TryGetValue(type, out var typeName) ? typeName : types[type] = l.CertificateType(type));
            writer.Text(organisation);
            writer.Text(stages.GetValueOrDefault(stage, stage));
            writer.Text(isDecision ? decisionEntry : historyEntry);
            var historyKind = isDecision ? (HistoryKind?)null : Enum.TryParse<HistoryKind>(kind, out var k) ? k : null;
            writer.Text(isDecision ? l["DecisionKind." + kind] : historyKind is { } h ? l.History(h, actorId, actor, detail) : kind);
            writer.Text(l.ActorName(actorId, actor));
            writer.Text(historyKind is { } hk ? l.HistoryNote(hk, noteId, detail) : detail);
            writer.Time(acknowledged);
            writer.EndRow();
            await progress(++n);
        }
    }

    /// <summary>The lines and decisions the filter selects; every value travels as a parameter (see <see cref="CommandAsync"/>).</summary>
    private static string Lines(ReportFilter f)
    {
        var filters = (f.PersonId is null ? "" : " AND a.person_id = @person")
            + (f.ApplicationId is null ? "" : " AND a.id = @application")
            + (f.OrganisationId is null ? "" : " AND a.organisation_id = @organisation")
            + (f.TypeCode is null ? "" : " AND t.code = @type")
            + (f.Stage is null ? "" : " AND a.stage = @stage");
        string Side(string table, string at, string columns) => $"""
            SELECT x.{at} AS at, {columns}, a.registry_number, p.first_names || ' ' || p.last_name AS person, t.code AS type, o.name AS organisation, a.stage
            FROM {table} x
            JOIN applications a ON a.id = x.application_id
            JOIN persons p ON p.id = a.person_id
            JOIN certificate_types t ON t.id = a.certificate_type_id
            LEFT JOIN organisations o ON o.id = a.organisation_id
            WHERE x.{at} >= @start AND x.{at} < @end{filters}
            """;
        return Side("history_entries", "at", "x.id AS line, false AS is_decision, x.kind, x.actor_name, x.detail, NULL::timestamptz AS acknowledged_at, x.actor_id, x.note_id")
               + "\nUNION ALL\n"
               + Side("decisions", "decided_at", "0::bigint, true, x.kind, x.decided_by_name, x.reason, x.acknowledged_at, x.decided_by_id, NULL::uuid");
    }

    private async Task<DbCommand> CommandAsync(ReportFilter f, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0; // a million rows take longer than a page's query; the request or the job's cancellation ends it
        var (start, end) = f.Range(time.Zone);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        if (f.PersonId is { } person) command.Parameters.AddWithValue("person", person);
        if (f.ApplicationId is { } application) command.Parameters.AddWithValue("application", application);
        if (f.OrganisationId is { } organisation) command.Parameters.AddWithValue("organisation", organisation);
        if (f.TypeCode is { } type) command.Parameters.AddWithValue("type", type);
        if (f.Stage is { } stage) command.Parameters.AddWithValue("stage", stage.ToString());
        return command;
    }
}
