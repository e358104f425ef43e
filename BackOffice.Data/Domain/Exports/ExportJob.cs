using System.Text.Json;

namespace BackOffice.Data.Domain.Exports;

/// <summary>The row exports a staff member can ask for; small workbooks (statistics, subject access) are made at once and never queued.</summary>
public enum ExportReport { History, AuditTrail }

public enum ExportFormat { Xlsx, Csv }

/// <summary>Queued → Running → Done (then Expired once its file is removed) or Failed; a job whose worker vanished is claimed again.</summary>
public enum ExportJobState { Queued, Running, Done, Failed, Expired }

/// <summary>
/// An export too big to make while the browser waits: any app instance claims it (<c>FOR UPDATE SKIP LOCKED</c>), writes the
/// file with progress, and keeps it for the requester alone until it expires.
/// </summary>
public class ExportJob
{
    /// <summary>A worker that has not reported progress for this long is taken to have died; its job is claimed again.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 3;

    private ExportJob() { }

    public static ExportJob Request(ExportReport report, ExportFormat format, IReadOnlyDictionary<string, string?> filters, Actor by,
        string language, long rowsEstimated, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        Report = report,
        Format = format,
        Filters = JsonSerializer.Serialize(filters),
        RequestedById = by.UserId ?? throw new DomainException(ErrorCodes.ExportNeedsStaff, "Only a signed-in staff member can ask for an export."),
        RequestedByName = by.Name,
        Language = language,
        State = ExportJobState.Queued,
        RowsEstimated = rowsEstimated,
        RequestedAt = at,
    };

    public Guid Id { get; private set; }
    public ExportReport Report { get; private set; }
    public ExportFormat Format { get; private set; }
    /// <summary>The filters as the export form gave them (a JSON object of strings, language-neutral).</summary>
    public string Filters { get; private set; } = "{}";
    public Guid RequestedById { get; private set; }
    public string RequestedByName { get; private set; } = "";
    /// <summary>The requester's language: headers and sentences of the file are written in it.</summary>
    public string Language { get; private set; } = "en";
    public ExportJobState State { get; private set; }
    public long RowsEstimated { get; private set; }
    public long RowsWritten { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    /// <summary>The worker's last sign of life; a running job whose heartbeat is older than <see cref="AbandonedAfter"/> is claimed again.</summary>
    public DateTimeOffset? HeartbeatAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public string? FileName { get; private set; }
    public string? StorageKey { get; private set; }
    public long? SizeBytes { get; private set; }
    /// <summary>Why it failed: a resource key the job page shows.</summary>
    public string? FailureCode { get; private set; }

    public bool IsFinished => State is ExportJobState.Done or ExportJobState.Failed or ExportJobState.Expired;

    public IReadOnlyDictionary<string, string?> FilterValues() => JsonSerializer.Deserialize<Dictionary<string, string?>>(Filters) ?? [];

    /// <summary>Rows written of the estimate, 0–100 (an estimate that was low never shows more than 100).</summary>
    public int Percent => State == ExportJobState.Done ? 100
        : RowsEstimated <= 0 ? 0 : (int)Math.Min(99, RowsWritten * 100 / RowsEstimated);

    /// <summary>A worker takes the job (queued, or running but abandoned); after <see cref="MaxAttempts"/> it fails instead.</summary>
    public bool Claim(DateTimeOffset at)
    {
        if (State == ExportJobState.Running && Attempts >= MaxAttempts)
        {
            Fail(ErrorCodes.ExportAbandoned, at);
            return false;
        }
        if (State is not (ExportJobState.Queued or ExportJobState.Running))
            throw new DomainException(ErrorCodes.ExportNotQueued, $"The export is {State}; it cannot be started.");
        State = ExportJobState.Running;
        Attempts++;
        StartedAt = at;
        HeartbeatAt = at;
        RowsWritten = 0;
        return true;
    }

    public void ReportProgress(long rowsWritten, long rowsEstimated, DateTimeOffset at)
    {
        RowsWritten = rowsWritten;
        RowsEstimated = Math.Max(rowsEstimated, rowsWritten);
        HeartbeatAt = at;
    }

    public void Complete(string storageKey, string fileName, long sizeBytes, long rows, DateTimeOffset at, TimeSpan retention)
    {
        if (State != ExportJobState.Running) throw new DomainException(ErrorCodes.ExportNotQueued, $"The export is {State}; it cannot be completed.");
        State = ExportJobState.Done;
        StorageKey = storageKey;
        FileName = fileName;
        SizeBytes = sizeBytes;
        RowsWritten = rows;
        RowsEstimated = rows;
        FinishedAt = at;
        HeartbeatAt = at;
        ExpiresAt = at + retention;
    }

    public void Fail(string failureCode, DateTimeOffset at)
    {
        State = ExportJobState.Failed;
        FailureCode = failureCode;
        FinishedAt = at;
        StorageKey = null;
    }

    /// <summary>The retention period is over: the file is gone, the job stays as a record of what was asked.</summary>
    public void Expire(DateTimeOffset at)
    {
        State = ExportJobState.Expired;
        StorageKey = null;
        ExpiresAt ??= at;
    }

    /// <summary>Why <paramref name="staffId"/> may not download the file now (someone else's, not ready, failed, expired), or null when they may.</summary>
    public string? DownloadRefusal(Guid? staffId, DateTimeOffset now) =>
        staffId != RequestedById ? ErrorCodes.ExportNotYours
        : State == ExportJobState.Expired || (State == ExportJobState.Done && ExpiresAt <= now) ? ErrorCodes.ExportExpired
        : State == ExportJobState.Failed ? ErrorCodes.ExportFailed
        : State != ExportJobState.Done ? ErrorCodes.ExportNotReady
        : null;
}
