using System.Data.Common;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BackOffice.Web.Pages.Reports;

public sealed record StageMonth(DateOnly Month, string TypeCode, ApplicationStage Stage, long Applications);
public sealed record DecisionMonth(DateOnly Month, long Issued, long Cancelled, long Refused);
public sealed record StageDuration(string TypeCode, ApplicationStage Stage, long Moves, double MedianDays, double P90Days);
public sealed record ReviewerMonth(DateOnly Month, string Reviewer, long StepsApproved, long StepsNotApproved, long Issued, long Refused)
{
    public long Total => StepsApproved + StepsNotApproved + Issued + Refused;
}
/// <summary>One month of revocations against the 24-hour limit; the median is of those revoked (none: no revocation that month).</summary>
public sealed record RevocationMonth(DateOnly Month, long Requests, long RevokedWithin24Hours, long RevokedLater, long OpenPastLimit, long OpenWithinLimit, double? MedianHours);
public sealed record StageCount(ApplicationStage Stage, long Applications);
public sealed record TypeDuration(string TypeCode, long Issued, double MedianDays);

/// <summary>
/// The office's numbers for the statistics workbook and the dashboard, computed in PostgreSQL (months in the office's zone):
/// applications by type and stage per month, decisions per month, days spent in each stage (from the audit trail's stage moves),
/// reviewers' decisions per month, and revocations against the 24-hour limit.
/// </summary>
public sealed class Statistics(BackOfficeDbContext db, OfficeTime time, TimeProvider clock)
{
    public Task<List<StageMonth>> ApplicationsByMonthAsync(ReportFilter f, CancellationToken ct) => QueryAsync(f, """
        SELECT date_trunc('month', a.created_at AT TIME ZONE @zone)::date, t.code, a.stage, count(*)
        FROM applications a JOIN certificate_types t ON t.id = a.certificate_type_id
        WHERE a.created_at >= @start AND a.created_at < @end AND (@type IS NULL OR t.code = @type)
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        """, r => new StageMonth(r.GetFieldValue<DateOnly>(0), r.GetString(1), Enum.Parse<ApplicationStage>(r.GetString(2)), r.GetInt64(3)), ct);

    public Task<List<DecisionMonth>> DecisionsByMonthAsync(ReportFilter f, CancellationToken ct) => QueryAsync(f, """
        SELECT date_trunc('month', d.decided_at AT TIME ZONE @zone)::date,
               count(*) FILTER (WHERE d.kind = 'Issued'), count(*) FILTER (WHERE d.kind = 'Cancelled'), count(*) FILTER (WHERE d.kind = 'Refused')
        FROM decisions d JOIN applications a ON a.id = d.application_id JOIN certificate_types t ON t.id = a.certificate_type_id
        WHERE d.decided_at >= @start AND d.decided_at < @end AND (@type IS NULL OR t.code = @type)
        GROUP BY 1 ORDER BY 1
        """, r => new DecisionMonth(r.GetFieldValue<DateOnly>(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), ct);

    /// <summary>Each stage move of the audit trail ends a stay in its "from" stage, which began at the move before it (or the registration).</summary>
    public async Task<List<StageDuration>> StageDurationsAsync(ReportFilter f, CancellationToken ct)
    {
        var rows = await QueryAsync(f, $"""
            WITH moves AS (
                SELECT e.application_id, e.details ->> 'from' AS stage, e.occurred_at AS left_at,
                       lag(e.occurred_at) OVER (PARTITION BY e.application_id ORDER BY e.position) AS entered_at
                FROM audit_events e
                WHERE e.action = '{AuditActions.ApplicationStageChanged}' AND e.application_id IS NOT NULL AND e.occurred_at < @end)
            SELECT t.code, m.stage, count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.left_at - coalesce(m.entered_at, a.created_at)) / 86400),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM m.left_at - coalesce(m.entered_at, a.created_at)) / 86400)
            FROM moves m JOIN applications a ON a.id = m.application_id JOIN certificate_types t ON t.id = a.certificate_type_id
            WHERE m.left_at >= @start AND (@type IS NULL OR t.code = @type)
            GROUP BY 1, 2
            """, r => (Type: r.GetString(0), Stage: r.GetString(1), Moves: r.GetInt64(2), Median: r.GetDouble(3), P90: r.GetDouble(4)), ct);
        return rows.Where(r => Enum.TryParse<ApplicationStage>(r.Stage, out _))
            .Select(r => new StageDuration(r.Type, Enum.Parse<ApplicationStage>(r.Stage), r.Moves, r.Median, r.P90))
            .OrderBy(r => r.TypeCode, StringComparer.Ordinal).ThenBy(r => r.Stage).ToList();
    }

    public Task<List<ReviewerMonth>> ReviewerWorkloadAsync(ReportFilter f, CancellationToken ct) => QueryAsync(f, $"""
        SELECT date_trunc('month', e.occurred_at AT TIME ZONE @zone)::date, max(e.actor_name),
               count(*) FILTER (WHERE e.action = '{AuditActions.StepApproved}'), count(*) FILTER (WHERE e.action = '{AuditActions.StepNotApproved}'),
               count(*) FILTER (WHERE e.action = '{AuditActions.CertificateIssued}'), count(*) FILTER (WHERE e.action = '{AuditActions.ApplicationStageChanged}')
        FROM audit_events e JOIN applications a ON a.id = e.application_id JOIN certificate_types t ON t.id = a.certificate_type_id
        WHERE e.occurred_at >= @start AND e.occurred_at < @end AND (@type IS NULL OR t.code = @type)
          AND (e.action IN ('{AuditActions.StepApproved}', '{AuditActions.StepNotApproved}', '{AuditActions.CertificateIssued}')
               OR (e.action = '{AuditActions.ApplicationStageChanged}' AND e.details ->> 'action' = '{nameof(IssuanceAction.Refuse)}'))
        GROUP BY 1, e.actor_id ORDER BY 1, 2
        """, r => new ReviewerMonth(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)), ct);

    /// <summary>
    /// Revocation requests against the 24-hour limit, by the month their 24 hours began (<c>send_at</c>, in the office's zone): the
    /// requests sent (their send time has come; a withdrawn request was never sent, one awaiting approval has not started), those
    /// revoked within 24 hours (<c>revoked_at &lt;= revoke_by</c>), those revoked later, those still open past the limit and those
    /// still within it, and the median hours from the send time to the revocation of those revoked.
    /// </summary>
    public Task<List<RevocationMonth>> RevocationsAsync(ReportFilter f, CancellationToken ct) => QueryAsync(f, $"""
        SELECT date_trunc('month', r.send_at AT TIME ZONE @zone)::date, count(*),
               count(*) FILTER (WHERE r.state = '{nameof(RevocationState.Revoked)}' AND r.revoked_at <= r.revoke_by),
               count(*) FILTER (WHERE r.state = '{nameof(RevocationState.Revoked)}' AND r.revoked_at > r.revoke_by),
               count(*) FILTER (WHERE r.state = '{nameof(RevocationState.Pending)}' AND r.revoke_by < @now),
               count(*) FILTER (WHERE r.state = '{nameof(RevocationState.Pending)}' AND r.revoke_by >= @now),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.revoked_at - r.send_at) / 3600)
                   FILTER (WHERE r.state = '{nameof(RevocationState.Revoked)}')
        FROM revocation_requests r JOIN certificates c ON c.id = r.certificate_id JOIN certificate_types t ON t.id = c.certificate_type_id
        WHERE r.state IN ('{nameof(RevocationState.Pending)}', '{nameof(RevocationState.Revoked)}') AND r.send_at <= @now
          AND r.send_at >= @start AND r.send_at < @end AND (@type IS NULL OR t.code = @type)
        GROUP BY 1 ORDER BY 1
        """, r => new RevocationMonth(r.GetFieldValue<DateOnly>(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
            r.IsDBNull(6) ? null : r.GetDouble(6)), ct);

    /// <summary>The open applications in each stage now (the dashboard's first chart).</summary>
    public async Task<List<StageCount>> OpenByStageAsync(CancellationToken ct)
    {
        var terminal = IssuanceProcess.Terminal.ToArray();
        var counts = await db.Applications.AsNoTracking().Where(a => !terminal.Contains(a.Stage))
            .GroupBy(a => a.Stage).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        return Enum.GetValues<ApplicationStage>().Where(s => !terminal.Contains(s))
            .Select(s => new StageCount(s, counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0)).ToList();
    }

    /// <summary>Median days from registration to issue, per certificate type, for the certificates issued in the range.</summary>
    public Task<List<TypeDuration>> DaysToIssueAsync(ReportFilter f, CancellationToken ct) => QueryAsync(f, """
        SELECT t.code, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - a.created_at) / 86400)
        FROM decisions d JOIN applications a ON a.id = d.application_id JOIN certificate_types t ON t.id = a.certificate_type_id
        WHERE d.kind = 'Issued' AND d.decided_at >= @start AND d.decided_at < @end AND (@type IS NULL OR t.code = @type)
        GROUP BY 1 ORDER BY 1
        """, r => new TypeDuration(r.GetString(0), r.GetInt64(1), r.GetDouble(2)), ct);

    private DateOnly Month(DateTimeOffset at)
    {
        var local = time.Local(at);
        return new DateOnly(local.Year, local.Month, 1);
    }

    private async Task<List<T>> QueryAsync<T>(ReportFilter f, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var (start, end) = f.Range(time.Zone);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.AddWithValue("zone", time.Zone.Id);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.Add(new NpgsqlParameter("type", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)f.TypeCode ?? DBNull.Value });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
