using System.Globalization;
using System.Text;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Steps;
using Npgsql;
using NpgsqlTypes;

namespace BackOffice.Web.Tools.Benchmarks;

/// <summary>
/// Deterministic synthetic persons, organisations, employments and applications for the search benchmark
/// (docs/performance.md): Finnish, Swedish and Greek names, loaded with PostgreSQL binary COPY, never through EF.
/// </summary>
public sealed class SearchBenchmarkData(int persons, int applicationsPerPerson = 2, int seed = 2026)
{
    private static readonly string[] FinnishFirst = ["Mikko", "Aino", "Juha", "Sanna", "Ville", "Laura", "Matti", "Riikka", "Antti", "Päivi", "Jari", "Satu", "Timo", "Hanna", "Kalle", "Elina", "Jyrki", "Tiina", "Olli", "Marjatta", "Väinö"];
    private static readonly string[] SwedishFirst = ["Åsa", "Björn", "Göran", "Märta", "Örjan", "Lars", "Karin", "Ingrid", "Nils", "Sofia", "Håkan", "Elsa", "Per", "Linnéa", "Ståle"];
    private static readonly string[] GreekFirst = ["Γεώργιος", "Ελένη", "Νικόλαος", "Μαρία", "Δημήτριος", "Αικατερίνη", "Ιωάννης", "Σοφία", "Κωνσταντίνος", "Αναστασία", "Χρήστος", "Ευαγγελία"];
    private static readonly string[] FinnishRoots = ["Mäki", "Korho", "Virta", "Niemi", "Lehto", "Salmi", "Heino", "Koski", "Järvi", "Lai", "Hämälä", "Kärkkä", "Räsä", "Pöllä", "Saari", "Kallio", "Vaara", "Rinta", "Aho", "Pelto"];
    private static readonly string[] FinnishEndings = ["nen", "la", "lä", "mäki", "niemi", "salo", "aho", "oja", "koski", "järvi"];
    private static readonly string[] SwedishRoots = ["Ö", "Å", "Lind", "Sjö", "Ek", "Holm", "Bäck", "Ny", "Wahl", "Lund", "Sand", "Dahl", "Fors", "Sö", "Ås"];
    private static readonly string[] SwedishEndings = ["berg", "qvist", "ström", "gren", "din", "lund", "man", "dahl", "holm", "blad"];
    private static readonly string[] GreekRoots = ["Παπαδ", "Νικολ", "Γεωργ", "Οικον", "Βασιλ", "Αλεξ", "Δημητρ", "Καραγιαν", "Μαυρ", "Κωνσταντ", "Ιωανν", "Αντων"];
    private static readonly string[] GreekEndings = ["όπουλος", "άκης", "ίδης", "ίου", "άτος", "έλλης"];
    private static readonly string[] FinnishTowns = ["Helsingin", "Tampereen", "Espoon", "Vantaan", "Oulun", "Turun", "Vaasan", "Jyväskylän", "Kuopion", "Lahden", "Porin", "Joensuun", "Lappeenrannan", "Hämeenlinnan", "Seinäjoen", "Rovaniemen", "Kotkan", "Mikkelin", "Kokkolan", "Salon"];
    private static readonly string[] FinnishKinds = ["kaupunki", "Kylmähuolto Oy", "Sähkö Oy", "Rakennus Oy", "Terveys Oy", "Logistiikka Oy", "IT-palvelut Oy", "Kiinteistöt Oy"];
    private static readonly string[] SwedishKinds = ["Kylmäteknik", "Värme", "Bygg", "Data", "Transport", "Energi", "Konsult", "Fastighets"];
    private static readonly string[] SwedishOwners = ["Åberg", "Lindqvist", "Sjöberg", "Ekström", "Nyström", "Lundgren", "Söderlund", "Holmström", "Bäckström", "Wahlström"];
    private static readonly string[] GreekKinds = ["Δήμος", "Περιφέρεια", "Νοσοκομείο", "Πανεπιστήμιο", "Υπουργείο"];
    private static readonly string[] GreekPlaces = ["Αθηναίων", "Θεσσαλονίκης", "Πατρών", "Ηρακλείου", "Λάρισας", "Βόλου", "Ιωαννίνων", "Χανίων"];
    private static readonly string[] StaffNames = ["Maria Virtanen", "Nikos Alexiou", "Johan Lindqvist", "Eleni Georgiou"];

    public sealed record OrganisationRow(Guid Id, string Name, string Number);
    public sealed record PersonRow(Guid Id, string FirstNames, string LastName, DateOnly DateOfBirth, string? Nin, string Citizenship, string Email, string Language);
    public sealed record EmploymentRow(Guid Id, Guid PersonId, Guid OrganisationId, DateOnly Start, DateTimeOffset RequestedAt, DateTimeOffset? ConfirmedAt);
    public sealed record ApplicationRow(Guid Id, string RegistryNumber, Guid PersonId, Guid TypeId, Guid? OrganisationId, ApplicationStage Stage,
        DateTimeOffset CreatedAt, DateTimeOffset LastModifiedAt, string StaffName, DateTimeOffset? ArchivedAt, WorkQueue Queue, bool AwaitsAcknowledgement,
        IReadOnlyList<StepRow> Steps, DecisionRow? Decision);
    public sealed record StepRow(Guid Id, BenchTemplate Template, StepStatus Status, int Files);
    public sealed record DecisionRow(Guid Id, DecisionKind Kind, DateTimeOffset DecidedAt, DateTimeOffset? AcknowledgedAt);

    /// <summary>A certificate type as the generator needs it: the stages its applications pass and its document steps.</summary>
    public sealed record BenchType(Guid Id, IReadOnlyList<ApplicationStage> Path, IReadOnlyList<BenchTemplate> Templates);
    public sealed record BenchTemplate(Guid Id, string Name, int Order);

    public static async Task<IReadOnlyList<BenchType>> TypesAsync(BackOffice.Data.BackOfficeDbContext db, CancellationToken ct = default) =>
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.CertificateTypes, t => t.StepTemplates).OrderBy(t => t.Code), ct))
        .Select(t => new BenchType(t.Id, IssuanceProcess.Path(t), t.StepTemplates.OrderBy(x => x.Order).Select(x => new BenchTemplate(x.Id, x.Name, x.Order)).ToList()))
        .ToList();

    /// <summary>The applications are made between these two moments.</summary>
    public static readonly DateTimeOffset Begin = new(2019, 1, 1, 8, 0, 0, TimeSpan.Zero), End = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public int Persons { get; } = persons;
    public int Applications => Persons * applicationsPerPerson;

    public static IReadOnlyList<OrganisationRow> Organisations()
    {
        var names = FinnishTowns.SelectMany(t => FinnishKinds.Select(k => $"{t} {k}"))
            .Concat(SwedishKinds.SelectMany(k => SwedishOwners.Select(o => $"{k} {o} AB")))
            .Concat(GreekKinds.SelectMany(k => GreekPlaces.Select(p => $"{k} {p}")));
        return names.Select((name, i) => new OrganisationRow(DeterministicGuid(1, i), name,
            string.Create(CultureInfo.InvariantCulture, $"{3000000 + i}-{i % 10}"))).ToList();
    }

    public IEnumerable<PersonRow> PersonRows()
    {
        var random = new Random(seed);
        for (var i = 0; i < Persons; i++)
        {
            var (first, last, citizenship, language) = (random.Next(4)) switch
            {
                0 or 1 => (Pick(random, FinnishFirst, 0.3), Pick(random, FinnishRoots) + Pick(random, FinnishEndings), "FI", "fi"),
                2 => (Pick(random, SwedishFirst, 0.3), Pick(random, SwedishRoots) + Pick(random, SwedishEndings), "SE", "sv"),
                _ => (Pick(random, GreekFirst, 0.2), Pick(random, GreekRoots) + Pick(random, GreekEndings), "GR", "en"),
            };
            var born = new DateOnly(1950, 1, 1).AddDays(random.Next(20000));
            var nin = citizenship == "FI" ? FinnishPersonalIdentityCode.Create(born, 2 + i % 898) : null;
            var email = citizenship == "GR"
                ? string.Create(CultureInfo.InvariantCulture, $"p{i}@example.gr")
                : string.Create(CultureInfo.InvariantCulture, $"{Ascii(first.Split(' ')[0])}.{Ascii(last)}{i}@example.{citizenship.ToLowerInvariant()}");
            yield return new PersonRow(DeterministicGuid(2, i), first, last, born, nin, citizenship, email, language);
        }
    }

    /// <summary>Nine persons in ten work somewhere; four employments in five are confirmed.</summary>
    public IEnumerable<EmploymentRow> EmploymentRows(IReadOnlyList<OrganisationRow> organisations)
    {
        var random = new Random(seed + 1);
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Persons; i++)
        {
            var r = random.Next(10);
            var org = organisations[random.Next(organisations.Count)];
            if (r == 0) continue;
            yield return new EmploymentRow(DeterministicGuid(3, i), DeterministicGuid(2, i), org.Id, new DateOnly(2020, 1, 1).AddDays(random.Next(1500)),
                at.AddDays(random.Next(600)), r < 9 ? at.AddDays(600 + random.Next(30)) : null);
        }
    }

    /// <summary>
    /// Applications spread over 2019–2026 with per-year registry numbers; <paramref name="lastNumbers"/> gets each year's last number.
    /// As in an office's registry all but the last months' are finished (85 % issued, 9 % cancelled, 6 % refused; four in five of
    /// those older than 2024 archived) and half of the last four months' wait in a stage of their type's path; each has its type's document steps in the state its stage
    /// implies, a file for every step past "awaiting file" (one in five with a second version) and its decision.
    /// </summary>
    public IEnumerable<ApplicationRow> ApplicationRows(IReadOnlyList<OrganisationRow> organisations, IReadOnlyList<BenchType> types, IDictionary<int, int> lastNumbers)
    {
        var random = new Random(seed + 2);
        for (var i = 0; i < Applications; i++)
        {
            var created = Begin.AddMinutes(random.Next((int)(End - Begin).TotalMinutes));
            var number = lastNumbers.TryGetValue(created.Year, out var last) ? last + 1 : 1;
            lastNumbers[created.Year] = number;
            var organisation = random.Next(3) == 0 ? (Guid?)organisations[random.Next(organisations.Count)].Id : null;
            var type = types[random.Next(types.Count)];
            // Only the last four months' applications can still be open (half of them are); older ones were decided long ago.
            var r = random.NextDouble();
            var open = created > End.AddDays(-120) && random.Next(2) == 0;
            var stage = open ? type.Path[random.Next(type.Path.Count - 1)]
                : r < 0.85 ? ApplicationStage.Issued : r < 0.94 ? ApplicationStage.Cancelled : ApplicationStage.Rejected;
            if (stage == ApplicationStage.AwaitingDocuments && random.Next(4) == 0) stage = ApplicationStage.ReturnedForCompletion;
            var modified = created.AddHours(random.Next(24 * 60));
            var closed = IssuanceProcess.Terminal.Contains(stage);
            var archived = closed && created.Year < 2024 && random.Next(5) != 0 ? modified.AddDays(30) : (DateTimeOffset?)null;
            var steps = type.Templates.Select((t, k) => new StepRow(DeterministicGuid(5, i * 8 + k), t, StepStatusFor(stage, k, random), random.Next(5) == 0 ? 2 : 1)).ToList();
            var decision = closed
                ? new DecisionRow(DeterministicGuid(6, i), stage switch { ApplicationStage.Issued => DecisionKind.Issued, ApplicationStage.Rejected => DecisionKind.Refused, _ => DecisionKind.Cancelled },
                    modified, random.Next(20) == 0 ? null : modified.AddDays(1 + random.Next(10)))
                : null;
            var awaitsAcknowledgement = archived is null && decision is { AcknowledgedAt: null };
            var queue = archived is not null ? WorkQueue.Archive
                : closed ? WorkQueue.Completed
                : steps.Any(x => x.Status == StepStatus.AwaitingReview) ? WorkQueue.AwaitingReview
                : stage == ApplicationStage.ReturnedForCompletion ? WorkQueue.ReturnedForCompletion
                : stage == ApplicationStage.AwaitingFinalReview ? WorkQueue.AwaitingFinalReview
                : WorkQueue.UnderProcessing;
            yield return new ApplicationRow(DeterministicGuid(4, i), RegistryNumber.Format(created.Year, number), DeterministicGuid(2, i % Persons),
                type.Id, organisation, stage, created, modified, StaffNames[random.Next(StaffNames.Length)], archived, queue, awaitsAcknowledgement, steps, decision);
        }
    }

    private static StepStatus StepStatusFor(ApplicationStage stage, int index, Random random) => stage switch
    {
        ApplicationStage.Submitted or ApplicationStage.AwaitingDataVerification or ApplicationStage.AwaitingApproval => StepStatus.AwaitingFile,
        ApplicationStage.AwaitingDocuments => (StepStatus)random.Next(3), // awaiting file, awaiting review or approved
        ApplicationStage.ReturnedForCompletion => index == 0 ? StepStatus.NotApproved : StepStatus.Approved,
        ApplicationStage.Cancelled => random.Next(2) == 0 ? StepStatus.AwaitingFile : StepStatus.Approved,
        _ => StepStatus.Approved,
    };

    /// <summary>Fills the empty tables with binary COPY (foreign keys are not checked row by row: the rows are consistent by construction).</summary>
    public async Task LoadAsync(NpgsqlConnection connection, IReadOnlyList<BenchType> types, Action<string> progress, CancellationToken ct = default)
    {
        var organisations = Organisations();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY organisations (id, name, organisation_number) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var o in organisations)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(o.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(o.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(o.Number, NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }
        progress($"{organisations.Count:N0} organisations");

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY persons (id, first_names, last_name, date_of_birth, national_identity_number, citizenship, home_municipality, " +
            "has_registered_right_of_residence, email, preferred_language) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in PersonRows())
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(p.FirstNames, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.LastName, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.DateOfBirth, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, p.Nin, ct);
                await copy.WriteAsync(p.Citizenship, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, p.Citizenship == "FI" ? "Helsinki" : null, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(p.Email, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.Language, NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }
        progress($"{Persons:N0} persons");

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY employments (id, person_id, organisation_id, start_date, requested_at, confirmed_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in EmploymentRows(organisations))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.PersonId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.OrganisationId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.Start, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(e.RequestedAt, NpgsqlDbType.TimestampTz, ct);
                if (e.ConfirmedAt is { } confirmed) await copy.WriteAsync(confirmed, NpgsqlDbType.TimestampTz, ct);
                else await copy.WriteNullAsync(ct);
            }
            await copy.CompleteAsync(ct);
        }
        progress("employments");

        var lastNumbers = new SortedDictionary<int, int>();
        long stepCount = 0, fileCount = 0, decisionCount = 0;
        // Five COPY streams at once (one connection each), filled row by row as the applications are generated.
        await using var c2 = (NpgsqlConnection)((ICloneable)connection).Clone();
        await using var c3 = (NpgsqlConnection)((ICloneable)connection).Clone();
        await using var c4 = (NpgsqlConnection)((ICloneable)connection).Clone();
        await using var c5 = (NpgsqlConnection)((ICloneable)connection).Clone();
        foreach (var c in new[] { c2, c3, c4, c5 })
        {
            await c.OpenAsync(ct);
            await using var replica = new NpgsqlCommand("SET session_replication_role = replica", c);
            await replica.ExecuteNonQueryAsync(ct);
        }
        await using (var apps = await connection.BeginBinaryImportAsync(
            "COPY applications (id, registry_number, person_id, certificate_type_id, organisation_id, stage, stage_changed_at, created_at, " +
            "created_by_name, last_modified_at, last_modified_by_name, archived_at, queue, awaits_acknowledgement) FROM STDIN (FORMAT BINARY)", ct))
        await using (var steps = await c2.BeginBinaryImportAsync(
            "COPY steps (id, application_id, step_template_id, \"order\", name, status, awaiting_review_since, reviewed_at, reviewed_by_name, review_reason, " +
            "created_at, created_by_name, last_modified_at, last_modified_by_name) FROM STDIN (FORMAT BINARY)", ct))
        await using (var files = await c3.BeginBinaryImportAsync(
            "COPY step_files (id, step_id, version_number, file_name, content_type, size_bytes, sha256, storage_key, uploaded_at, uploaded_by_name) FROM STDIN (FORMAT BINARY)", ct))
        await using (var decisions = await c4.BeginBinaryImportAsync(
            "COPY decisions (id, application_id, kind, reason, decided_at, decided_by_name, acknowledged_at) FROM STDIN (FORMAT BINARY)", ct))
        await using (var history = await c5.BeginBinaryImportAsync(
            "COPY history_entries (application_id, at, actor_name, kind, detail) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var a in ApplicationRows(organisations, types, lastNumbers))
            {
                await apps.StartRowAsync(ct);
                await apps.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await apps.WriteAsync(a.RegistryNumber, NpgsqlDbType.Varchar, ct);
                await apps.WriteAsync(a.PersonId, NpgsqlDbType.Uuid, ct);
                await apps.WriteAsync(a.TypeId, NpgsqlDbType.Uuid, ct);
                if (a.OrganisationId is { } org) await apps.WriteAsync(org, NpgsqlDbType.Uuid, ct);
                else await apps.WriteNullAsync(ct);
                await apps.WriteAsync(a.Stage.ToString(), NpgsqlDbType.Varchar, ct);
                await apps.WriteAsync(a.LastModifiedAt, NpgsqlDbType.TimestampTz, ct);
                await apps.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await apps.WriteAsync(a.StaffName, NpgsqlDbType.Varchar, ct);
                await apps.WriteAsync(a.LastModifiedAt, NpgsqlDbType.TimestampTz, ct);
                await apps.WriteAsync(a.StaffName, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(apps, a.ArchivedAt, ct);
                await apps.WriteAsync(a.Queue.ToString(), NpgsqlDbType.Varchar, ct);
                await apps.WriteAsync(a.AwaitsAcknowledgement, NpgsqlDbType.Boolean, ct);

                foreach (var st in a.Steps)
                {
                    var reviewed = st.Status is StepStatus.Approved or StepStatus.NotApproved;
                    await steps.StartRowAsync(ct);
                    await steps.WriteAsync(st.Id, NpgsqlDbType.Uuid, ct);
                    await steps.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                    await steps.WriteAsync(st.Template.Id, NpgsqlDbType.Uuid, ct);
                    await steps.WriteAsync(st.Template.Order, NpgsqlDbType.Integer, ct);
                    await steps.WriteAsync(st.Template.Name, NpgsqlDbType.Varchar, ct);
                    await steps.WriteAsync(st.Status.ToString(), NpgsqlDbType.Varchar, ct);
                    await WriteNullableAsync(steps, st.Status == StepStatus.AwaitingReview ? a.LastModifiedAt : (DateTimeOffset?)null, ct);
                    await WriteNullableAsync(steps, reviewed ? a.LastModifiedAt : (DateTimeOffset?)null, ct);
                    await WriteNullableAsync(steps, reviewed ? "Johan Lindqvist" : null, ct);
                    await WriteNullableAsync(steps, st.Status == StepStatus.NotApproved ? "The copy is not readable; please send a clearer scan." : null, ct);
                    await steps.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                    await steps.WriteAsync(a.StaffName, NpgsqlDbType.Varchar, ct);
                    await steps.WriteAsync(a.LastModifiedAt, NpgsqlDbType.TimestampTz, ct);
                    await steps.WriteAsync(a.StaffName, NpgsqlDbType.Varchar, ct);
                    stepCount++;
                    if (st.Status == StepStatus.AwaitingFile) continue;
                    for (var v = 1; v <= st.Files; v++)
                    {
                        await files.StartRowAsync(ct);
                        await files.WriteAsync(DeterministicGuid(7, (int)(fileCount % int.MaxValue)), NpgsqlDbType.Uuid, ct);
                        await files.WriteAsync(st.Id, NpgsqlDbType.Uuid, ct);
                        await files.WriteAsync(v, NpgsqlDbType.Integer, ct);
                        await files.WriteAsync(v == 1 ? "scan.pdf" : "scan-2.pdf", NpgsqlDbType.Varchar, ct);
                        await files.WriteAsync("application/pdf", NpgsqlDbType.Varchar, ct);
                        await files.WriteAsync(180_000L + v, NpgsqlDbType.Bigint, ct);
                        await files.WriteAsync(new string('a', 64), NpgsqlDbType.Varchar, ct);
                        await files.WriteAsync("bench-" + fileCount.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar, ct);
                        await files.WriteAsync(a.CreatedAt.AddHours(v), NpgsqlDbType.TimestampTz, ct);
                        await files.WriteAsync("Applicant", NpgsqlDbType.Varchar, ct);
                        fileCount++;
                    }
                }

                await HistoryAsync(history, a.Id, a.CreatedAt, a.StaffName, HistoryKind.Registered, null, ct);
                if (a.Decision is { } d)
                {
                    await decisions.StartRowAsync(ct);
                    await decisions.WriteAsync(d.Id, NpgsqlDbType.Uuid, ct);
                    await decisions.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                    await decisions.WriteAsync(d.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                    await WriteNullableAsync(decisions, d.Kind == DecisionKind.Refused ? "The eligibility rule of the certificate type is not met." : null, ct);
                    await decisions.WriteAsync(d.DecidedAt, NpgsqlDbType.TimestampTz, ct);
                    await decisions.WriteAsync(d.Kind == DecisionKind.Cancelled ? a.StaffName : "Eleni Georgiou", NpgsqlDbType.Varchar, ct);
                    await WriteNullableAsync(decisions, d.AcknowledgedAt, ct);
                    decisionCount++;
                    await HistoryAsync(history, a.Id, d.DecidedAt, d.Kind == DecisionKind.Cancelled ? a.StaffName : "Eleni Georgiou",
                        d.Kind switch { DecisionKind.Issued => HistoryKind.Issued, DecisionKind.Refused => HistoryKind.Refused, _ => HistoryKind.IssuanceCancelled }, null, ct);
                }
            }
            await apps.CompleteAsync(ct);
            await steps.CompleteAsync(ct);
            await files.CompleteAsync(ct);
            await decisions.CompleteAsync(ct);
            await history.CompleteAsync(ct);
        }
        progress($"{Applications:N0} applications with {stepCount:N0} steps, {fileCount:N0} files, {decisionCount:N0} decisions and their history");

        foreach (var (year, last) in lastNumbers)
        {
            await using var sequence = new NpgsqlCommand(
                "INSERT INTO registry_sequences (year, last_number) VALUES (@y, @n) ON CONFLICT (year) DO UPDATE SET last_number = GREATEST(registry_sequences.last_number, @n)", connection);
            sequence.Parameters.AddWithValue("y", year);
            sequence.Parameters.AddWithValue("n", last);
            await sequence.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task HistoryAsync(NpgsqlBinaryImporter history, Guid applicationId, DateTimeOffset at, string actor, HistoryKind kind, string? detail, CancellationToken ct)
    {
        await history.StartRowAsync(ct);
        await history.WriteAsync(applicationId, NpgsqlDbType.Uuid, ct);
        await history.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
        await history.WriteAsync(actor, NpgsqlDbType.Varchar, ct);
        await history.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar, ct);
        await WriteNullableAsync(history, detail, ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateTimeOffset? value, CancellationToken ct)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlDbType.TimestampTz, ct);
        else await copy.WriteNullAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];

    private static string Pick(Random random, string[] pool, double secondNameChance) =>
        random.NextDouble() < secondNameChance ? $"{Pick(random, pool)} {Pick(random, pool)}" : Pick(random, pool);

    /// <summary>The same ids on every run, so a person of the benchmark can be named in docs and tests.</summary>
    public static Guid DeterministicGuid(int kind, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, index);
        BitConverter.TryWriteBytes(bytes[4..], kind);
        bytes[15] = 0xB0;
        return new Guid(bytes);
    }

    private static string Ascii(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (c < 128 && char.IsLetter(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
