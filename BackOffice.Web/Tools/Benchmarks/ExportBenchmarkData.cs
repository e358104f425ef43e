using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;

namespace BackOffice.Web.Tools.Benchmarks;

/// <summary>
/// Deterministic audit events for the export benchmark (docs/performance.md), about the persons and applications that
/// <see cref="SearchBenchmarkData"/> loads: views of person cards and applications, stage moves, approvals, uploads and sign-ins by
/// four staff members, spread in time order over 2024–2026. Saved through the app's own DbContext, so each is chained and hashed
/// exactly as the app does it.
/// </summary>
public sealed class ExportBenchmarkData(int events, int persons, int seed = 2026)
{
    public static readonly DateTimeOffset Begin = new(2024, 1, 1, 7, 0, 0, TimeSpan.Zero), End = new(2026, 11, 1, 16, 0, 0, TimeSpan.Zero);

    private static readonly Actor[] Staff =
    [
        new(SearchBenchmarkData.DeterministicGuid(9, 1), "Maria Virtanen"), new(SearchBenchmarkData.DeterministicGuid(9, 2), "Nikos Alexiou"),
        new(SearchBenchmarkData.DeterministicGuid(9, 3), "Johan Lindqvist"), new(SearchBenchmarkData.DeterministicGuid(9, 4), "Eleni Georgiou"),
    ];
    private static readonly string[] Tabs = ["Overview", "History", "Events"];
    private static readonly (IssuanceAction Action, ApplicationStage From, ApplicationStage To)[] Moves =
    [
        (IssuanceAction.StartProcessing, ApplicationStage.Submitted, ApplicationStage.AwaitingDataVerification),
        (IssuanceAction.RecordDataVerification, ApplicationStage.AwaitingDataVerification, ApplicationStage.AwaitingDocuments),
        (IssuanceAction.CompleteDocuments, ApplicationStage.AwaitingDocuments, ApplicationStage.AwaitingFinalReview),
        (IssuanceAction.Issue, ApplicationStage.AwaitingFinalReview, ApplicationStage.Issued),
        (IssuanceAction.CancelIssuance, ApplicationStage.AwaitingDocuments, ApplicationStage.Cancelled),
    ];

    public int Events { get; } = events;

    /// <summary>Appends the events in batches of <paramref name="batch"/>, each batch one SaveChanges (one chain lock, one transaction).</summary>
    public async Task LoadAsync(Func<BackOfficeDbContext> context, Action<int> progress, int batch = 10_000, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var span = (End - Begin).Ticks;
        for (var done = 0; done < Events;)
        {
            await using var db = context();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var n = Math.Min(batch, Events - done);
            for (var k = 0; k < n; k++, done++)
            {
                var at = Begin + TimeSpan.FromTicks(span / Events * done);
                var actor = Staff[random.Next(Staff.Length)];
                var p = random.Next(persons);
                var personId = SearchBenchmarkData.DeterministicGuid(2, p);
                var applicationId = SearchBenchmarkData.DeterministicGuid(4, p + persons * random.Next(2));
                var application = applicationId.ToString();
                var r = random.Next(100);
                db.AuditEvents.Add(r switch
                {
                    < 40 => AuditEvent.Create(at, actor, AuditActions.PersonViewed, "Person", personId.ToString(), personId,
                        details: new Dictionary<string, string?> { ["tab"] = Tabs[random.Next(Tabs.Length)] }),
                    < 65 => Move(at, actor, application, personId, applicationId, Moves[random.Next(Moves.Length)], random),
                    < 80 => AuditEvent.Create(at, actor, AuditActions.ApplicationViewed, "Application", application, personId, applicationId),
                    < 90 => AuditEvent.Create(at, actor, AuditActions.StepApproved, "Application", application, personId, applicationId,
                        new Dictionary<string, string?> { ["step"] = "Copy of active external certificate" }),
                    < 95 => AuditEvent.Create(at, actor, AuditActions.StepFileUploaded, "Application", application, personId, applicationId,
                        new Dictionary<string, string?> { ["step"] = "Copy of active external certificate", ["file"] = "External certificate.pdf", ["sha256"] = new string('a', 64), ["version"] = "1" }),
                    _ => AuditEvent.Create(at, actor, AuditActions.SignIn, "StaffUser", actor.UserId.ToString()),
                });
            }
            await db.SaveChangesAsync(ct);
            progress(done);
        }
    }

    private static AuditEvent Move(DateTimeOffset at, Actor actor, string application, Guid personId, Guid applicationId,
        (IssuanceAction Action, ApplicationStage From, ApplicationStage To) move, Random random) =>
        AuditEvent.Create(at, actor, AuditActions.ApplicationStageChanged, "Application", application, personId, applicationId, new Dictionary<string, string?>
        {
            ["action"] = move.Action.ToString(), ["from"] = move.From.ToString(), ["to"] = move.To.ToString(),
            ["note"] = random.Next(10) == 0 ? "Checked against the population register" : null,
        });
}
