using System.Threading.Channels;
using BackOffice.Data;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Pages.Reports;

/// <summary>
/// The audit trail as an export: every event the filters select, in chain order, each as its sentence in the reader's language
/// with the staff member, the kind of action, the person and the application it concerns.
/// </summary>
public sealed class AuditTrailReport(BackOfficeDbContext db, OfficeTime time, IStringLocalizer<SharedResource> localizer) : IRowReport
{
    private sealed record Row(long Position, DateTimeOffset OccurredAt, string ActorName, string Action, string Details, string? RegistryNumber,
        string? FirstNames, string? LastName);

    private const int Batch = 1000;

    public ExportReport Report => ExportReport.AuditTrail;
    public string Code => RowExports.CodeOf(Report);

    private IQueryable<Data.Domain.Audit.AuditEvent> Events(ReportFilter f) => AuditTrailQuery.Apply(db.AuditEvents.AsNoTracking(), f, time.Zone);

    public async Task<long> CountAsync(ReportFilter filter, long? cap, CancellationToken ct) =>
        cap is { } n ? await Events(filter).Take((int)Math.Min(n + 1, int.MaxValue)).LongCountAsync(ct) : await Events(filter).LongCountAsync(ct);

    public async Task WriteAsync(ReportFilter filter, TableWriter writer, Func<long, Task> progress, CancellationToken ct)
    {
        var l = new CachedLocalizer(localizer);
        writer.BeginTable(l["Report.AuditTrail.Sheet"],
        [
            new(l["Report.Column.Position"], CellKind.Number, 10), new(l["Report.Column.Time"], CellKind.DateTime, 20),
            new(l["Report.Column.Staff"], Width: 24), new(l["Report.Column.Action"], Width: 30), new(l["Report.Column.Event"], Width: 90),
            new(l["Report.Column.Person"], Width: 26), new(l["Report.Column.Application"], Width: 16),
        ]);
        var rows = from e in Events(filter)
                   join a in db.Applications on e.ApplicationId equals (Guid?)a.Id into applications
                   from a in applications.DefaultIfEmpty()
                   join p in db.Persons on e.PersonId equals (Guid?)p.Id into persons
                   from p in persons.DefaultIfEmpty()
                   orderby e.Position
                   select new Row(e.Position, e.OccurredAt, e.ActorName, e.Action, e.Details, a.RegistryNumber, p.FirstNames, p.LastName);
        // Reading rows and writing sentences are each about half the work: one task reads ahead, in batches, while this one writes.
        var channel = Channel.CreateBounded<List<Row>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = new List<Row>(Batch);
                await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
                {
                    batch.Add(r);
                    if (batch.Count < Batch) continue;
                    await channel.Writer.WriteAsync(batch, ct);
                    batch = new List<Row>(Batch);
                }
                if (batch.Count > 0) await channel.Writer.WriteAsync(batch, ct);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, ct);
        long n = 0;
        await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            foreach (var r in batch)
            {
                writer.Number(r.Position);
                writer.Time(r.OccurredAt);
                writer.Text(r.ActorName);
                writer.Text(l.AuditAction(r.Action));
                writer.Text(l.Sentence(new AuditLine(r.Position, r.OccurredAt, r.ActorName, r.Action, r.Details, r.RegistryNumber), time));
                writer.Text(r.LastName is null ? null : $"{r.FirstNames} {r.LastName}");
                writer.Text(r.RegistryNumber);
                writer.EndRow();
                await progress(++n);
            }
        await reading;
    }
}
