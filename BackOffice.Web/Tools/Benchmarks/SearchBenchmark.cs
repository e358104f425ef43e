using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using BackOffice.Data;
using BackOffice.Web.Infrastructure.Cli;
using BackOffice.Web.Pages.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BackOffice.Web.Tools.Benchmarks;

/// <summary>
/// <c>bench-search</c>: fills a separate database (its name must contain "bench") with synthetic persons and applications
/// by COPY, then times <see cref="PersonSearch"/> for representative searches and prints median and p95 per search,
/// with each search's query plans (EXPLAIN ANALYZE) written to a file. See docs/performance.md.
/// </summary>
public static class SearchBenchmark
{
    public sealed record Options(int Persons, int Runs, bool Reload, string PlansFile);

    public static async Task<int> RunAsync(IServiceProvider services, Options options, TextWriter output, CancellationToken ct = default)
    {
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("BackOffice") ?? "";
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
        if (!database.Contains("bench", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"bench-search empties the persons tables: it runs only on a database whose name contains \"bench\" (this one is \"{database}\").");
            return 2;
        }

        await Commands.MigrateAsync(services, ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var persons = await ScalarAsync<long>(connection, "SELECT count(*) FROM persons", ct);
        var hasSteps = await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM steps)", ct);
        if (options.Reload || persons != options.Persons || !hasSteps)
        {
            var typeOptions = new DbContextOptionsBuilder<BackOfficeDbContext>();
            BackOfficeDbContext.Configure(typeOptions, connectionString);
            await using var typesDb = new BackOfficeDbContext(typeOptions.Options);
            await LoadAsync(connection, await SearchBenchmarkData.TypesAsync(typesDb, ct), options.Persons, output, ct);
        }
        else
            output.WriteLine($"The database already holds {persons:N0} persons: reusing them (--reload to rebuild).");

        var searches = await RepresentativeSearchesAsync(connection, ct);
        var recorder = new CommandRecorder();
        var contextOptions = new DbContextOptionsBuilder<BackOfficeDbContext>();
        BackOfficeDbContext.Configure(contextOptions, connectionString);
        contextOptions.AddInterceptors(recorder);

        output.WriteLine();
        output.WriteLine($"{"search",-34} {"query",-28} {"matches",8} {"median ms",10} {"p95 ms",8}");
        await using var plans = new StreamWriter(options.PlansFile);
        var worstP95 = 0.0;
        foreach (var (label, text) in searches)
        {
            var criteria = new PersonSearchCriteria(SearchQuery.Parse(text));
            var timings = new List<double>();
            PersonSearchResult? result = null;
            for (var run = -3; run < options.Runs; run++)
            {
                await using var db = new BackOfficeDbContext(contextOptions.Options);
                recorder.Commands.Clear();
                var watch = Stopwatch.StartNew();
                result = await new PersonSearch(db).RunAsync(criteria, ct);
                watch.Stop();
                if (run >= 0) timings.Add(watch.Elapsed.TotalMilliseconds);
            }
            timings.Sort();
            var (median, p95) = (Percentile(timings, 0.5), Percentile(timings, 0.95));
            worstP95 = Math.Max(worstP95, p95);
            var matches = result!.TotalIsCapped ? $">{PersonSearch.CountLimit}" : result.Total.ToString(CultureInfo.InvariantCulture);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-34} {text,-28} {matches,8} {median,10:F1} {p95,8:F1}"));
            await WritePlansAsync(connection, label, text, recorder.Commands, plans, ct);
        }
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Runs} timed runs per search after 3 warm-up runs; time = PersonSearch.RunAsync (count + page query, EF included). Plans: {options.PlansFile}"));
        output.WriteLine(worstP95 <= 50 ? "Every p95 is within the 50 ms target." : $"Worst p95 {worstP95:F1} ms is above the 50 ms target.");
        return 0;
    }

    internal static async Task LoadAsync(NpgsqlConnection connection, IReadOnlyList<SearchBenchmarkData.BenchType> types, int persons, TextWriter output, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var data = new SearchBenchmarkData(persons);
        output.WriteLine($"Loading {persons:N0} persons and {data.Applications:N0} applications by binary COPY …");
        await ExecuteAsync(connection, "TRUNCATE persons, organisations, employments, applications, steps, step_files, history_entries, decisions, " +
                                       "certificates, revocation_requests, registry_sequences CASCADE", ct);
        // Secondary indexes are dropped for the load and built once afterwards: far quicker than row-by-row upkeep.
        var indexes = await ListAsync(connection, """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
            WHERE i.schemaname = 'public' AND i.tablename IN ('persons', 'organisations', 'employments', 'applications', 'steps', 'step_files', 'decisions', 'history_entries')
              AND NOT x.indisprimary AND NOT x.indisunique
            """, ct);
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", ct);
        await ExecuteAsync(connection, "SET session_replication_role = replica", ct);
        var step = Stopwatch.StartNew();
        await data.LoadAsync(connection, types, what => { output.WriteLine($"  {what} in {step.Elapsed.TotalSeconds:F1} s"); step.Restart(); }, ct);
        await ExecuteAsync(connection, "SET session_replication_role = DEFAULT", ct);
        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'", ct);
        foreach (var (_, definition) in indexes) await ExecuteAsync(connection, definition, ct);
        output.WriteLine($"  {indexes.Count} indexes in {step.Elapsed.TotalSeconds:F1} s");
        step.Restart();
        await ExecuteAsync(connection, "VACUUM (ANALYZE) persons, organisations, employments, applications, steps, step_files, decisions, history_entries, registry_sequences", ct);
        output.WriteLine($"  VACUUM ANALYZE in {step.Elapsed.TotalSeconds:F1} s; loaded in {total.Elapsed.TotalSeconds:F0} s in all");
    }

    /// <summary>The kinds of search the issue names, with values taken from the data so that each finds someone.</summary>
    private static async Task<List<(string Label, string Text)>> RepresentativeSearchesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var registry = await ScalarAsync<string>(connection, "SELECT registry_number FROM applications ORDER BY registry_number OFFSET (SELECT count(*) / 3 FROM applications) LIMIT 1", ct);
        var organisationNumber = await ScalarAsync<string>(connection, "SELECT organisation_number FROM organisations WHERE name = 'Vaasan Kylmähuolto Oy'", ct);
        var email = await ScalarAsync<string>(connection, "SELECT email FROM persons WHERE citizenship = 'SE' ORDER BY id OFFSET 1000 LIMIT 1", ct);
        return
        [
            ("name fragment", "virtan"),
            ("first and last name fragments", "mikko mäkin"),
            ("accented name", "Åsa Öberg"),
            ("accented name typed without accents", "oberg"),
            ("Greek name", "Παπαδόπουλος"),
            ("Greek name in capitals, no accents", "ΠΑΠΑΔΟΠΟΥΛΟΣ"),
            ("registry number", registry),
            ("organisation name", "Vaasan Kylmähuolto"),
            ("organisation number (exact)", organisationNumber),
            ("e-mail address", email),
        ];
    }

    private static async Task WritePlansAsync(NpgsqlConnection connection, string label, string text, List<RecordedCommand> commands, StreamWriter plans, CancellationToken ct)
    {
        await plans.WriteLineAsync($"===== {label}: {text}");
        foreach (var command in commands)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.Text, connection);
            explain.Parameters.AddRange(command.Parameters.ToArray());
            await plans.WriteLineAsync(command.Text);
            await using var reader = await explain.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) await plans.WriteLineAsync(reader.GetString(0));
            await plans.WriteLineAsync();
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<(string, string)>> ListAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var rows = new List<(string, string)>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private sealed record RecordedCommand(string Text, List<NpgsqlParameter> Parameters);

    /// <summary>Keeps the SQL that one search sent, to EXPLAIN it with the same parameters.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<RecordedCommand> Commands { get; } = [];

        private void Record(DbCommand command) => Commands.Add(new RecordedCommand(command.CommandText,
            command.Parameters.Cast<NpgsqlParameter>().Select(p => new NpgsqlParameter(p.ParameterName, p.NpgsqlDbType) { Value = p.Value }).ToList()));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
