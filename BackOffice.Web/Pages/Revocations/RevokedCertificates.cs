using System.Globalization;
using System.Text;
using System.Text.Json;
using BackOffice.Data;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Pages.Revocations;

/// <summary>One revoked certificate as the feed gives it to the certificate authority's CRL publishing.</summary>
public sealed record RevokedLine(Guid Id, string SerialNumber, RevocationReason Reason, DateTimeOffset RevokedAt, string CertificateNumber, DateTimeOffset RecordedAt);

/// <summary>
/// The revoked-certificates feed (docs/revocation.md): every revoked certificate in the order the office recorded it, from <c>?since=</c>
/// on (inclusive, on the office's recording time, not the authority's revocation time, which can lie earlier than a pull already
/// made), as HTML, CSV or JSON. An incremental pull asks again with the answer's <c>nextSince</c>, which lies <see cref="Overlap"/> before the
/// answer's time, so a revocation committed while the previous pull ran is never missed (a certificate may come twice; its serial
/// number identifies it). CSV and JSON are streamed row by row, never held whole in memory.
/// </summary>
public static class RevokedCertificates
{
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);
    public const string CsvHeader = "serial_number,reason_code,revoked_at,certificate_number";

    /// <summary>Every revoked certificate recorded from <paramref name="since"/> on, in recording order (ties by id: a stable order).</summary>
    public static IQueryable<RevokedLine> Since(BackOfficeDbContext db, DateTimeOffset? since) =>
        Lines(Revoked(db, since).OrderBy(c => c.RevocationRecordedAt).ThenBy(c => c.Id));

    /// <summary>One page of <see cref="Since"/> (the HTML view).</summary>
    public static IQueryable<RevokedLine> Page(BackOfficeDbContext db, DateTimeOffset? since, int page, int pageSize) =>
        Lines(Revoked(db, since).OrderBy(c => c.RevocationRecordedAt).ThenBy(c => c.Id).Skip(Paging.Skip(page, pageSize)).Take(pageSize));

    public static IQueryable<Certificate> Revoked(BackOfficeDbContext db, DateTimeOffset? since)
    {
        var revoked = db.Certificates.AsNoTracking().Where(c => c.Status == CertificateStatus.Revoked && c.RevokedAt != null && c.RevocationRecordedAt != null);
        return since is { } from ? revoked.Where(c => c.RevocationRecordedAt >= from) : revoked;
    }

    private static IQueryable<RevokedLine> Lines(IQueryable<Certificate> certificates) =>
        certificates.Select(c => new RevokedLine(c.Id, c.SerialNumber, c.RevocationReason ?? RevocationReason.Unspecified, c.RevokedAt!.Value, c.Number, c.RevocationRecordedAt!.Value));

    /// <summary>Reads <c>?since=</c>: an ISO 8601 time (UTC unless it names its offset) or a date (its midnight, UTC). Null when absent; false when unreadable.</summary>
    public static bool TryParseSince(string? text, out DateTimeOffset? since)
    {
        since = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateTimeOffset.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
                "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            since = parsed;
            return true;
        }
        return false;
    }

    /// <summary>The RFC 5280 name of the reason (<c>keyCompromise</c>).</summary>
    public static string RfcName(RevocationReason reason) => reason switch
    {
        RevocationReason.CaCompromise => "cACompromise",
        RevocationReason.RemoveFromCrl => "removeFromCRL",
        RevocationReason.AaCompromise => "aACompromise",
        _ => JsonNamingPolicy.CamelCase.ConvertName(reason.ToString()),
    };

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<RevokedLine> lines, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(CsvHeader);
        var n = 0;
        await foreach (var line in lines.WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',', Field(line.SerialNumber), line.Reason.Code(), Iso(line.RevokedAt), Field(line.CertificateNumber)));
            if (++n % 500 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    public static async Task WriteJsonAsync(Stream body, IAsyncEnumerable<RevokedLine> lines, DateTimeOffset generatedAt, DateTimeOffset? since, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("generatedAt", Iso(generatedAt));
        if (since is { } s) json.WriteString("since", Iso(s));
        else json.WriteNull("since");
        json.WriteString("nextSince", Iso(generatedAt - Overlap));
        json.WriteStartArray("certificates");
        var n = 0;
        await foreach (var line in lines.WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("serialNumber", line.SerialNumber);
            json.WriteNumber("reasonCode", (int)line.Reason);
            json.WriteString("reason", RfcName(line.Reason));
            json.WriteString("revokedAt", Iso(line.RevokedAt));
            json.WriteString("recordedAt", Iso(line.RecordedAt));
            json.WriteString("certificateNumber", line.CertificateNumber);
            json.WriteEndObject();
            if (++n % 500 == 0) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted (ours are hex and certificate numbers, so none is today).</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
