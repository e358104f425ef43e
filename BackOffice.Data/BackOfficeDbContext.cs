using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.Exports;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Organisations;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Persons;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Data.Domain.Steps;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

public class BackOfficeDbContext(DbContextOptions<BackOfficeDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection keys (sign-in cookies, antiforgery tokens), shared by every instance; each
    /// key's XML is encrypted with a key the database does not hold (Web: Infrastructure/Security/DataProtectionSetup).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public const string MigrationsAssembly = "BackOffice.Migrations";
    /// <summary>Key of the transaction-scoped advisory lock that serialises appends to the audit chain.</summary>
    public const long AuditChainLockKey = 0x4241_5544_4954; // "BAUDIT"

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Employment> Employments => Set<Employment>();
    public DbSet<CertificateType> CertificateTypes => Set<CertificateType>();
    public DbSet<StepTemplate> StepTemplates => Set<StepTemplate>();
    public DbSet<Domain.StandardNotes.StandardNote> StandardNotes => Set<Domain.StandardNotes.StandardNote>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<Step> Steps => Set<Step>();
    public DbSet<StepFile> StepFiles => Set<StepFile>();
    public DbSet<HistoryEntry> HistoryEntries => Set<HistoryEntry>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<RevocationRequest> RevocationRequests => Set<RevocationRequest>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<RegistrySequence> RegistrySequences => Set<RegistrySequence>();
    public DbSet<CertificateNumberCounter> CertificateNumberCounters => Set<CertificateNumberCounter>();
    // Staff accounts and their sign-in (issue 14).
    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<FailedSignInAddress> FailedSignInAddresses => Set<FailedSignInAddress>();

    // Reports and exports (issue 12)
    public DbSet<ExportJob> ExportJobs => Set<ExportJob>();
    // Secure messages (issue 15)
    public DbSet<Domain.Messages.SecureMessage> SecureMessages => Set<Domain.Messages.SecureMessage>();
    public DbSet<Domain.Messages.MessageAttachment> MessageAttachments => Set<Domain.Messages.MessageAttachment>();
    public DbSet<Domain.Messages.MessageReply> MessageReplies => Set<Domain.Messages.MessageReply>();
    public DbSet<Domain.Messages.SenderVerification> SenderVerifications => Set<Domain.Messages.SenderVerification>();

    /// <summary>The one place the provider is set up: the app, the tests and the design-time factory call it.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithoutJit(connectionString), npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
               .UseSnakeCaseNamingConvention()
               // Capped counts ("more than 1,000") take rows in no order on purpose; every listed page orders its rows
               // (ArchitectureTests.EveryPageOfRows_IsOrdered), so the warning would only ever be noise in the log.
               .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    /// <summary>
    /// PostgreSQL's JIT compiles a plan whose estimated cost passes jit_above_cost: on millions of rows that is every count
    /// or join of a page, and the compiling (0.3 s measured) costs far more than the short queries of case work ever gain.
    /// Off for this application's sessions unless the connection string sets its own Options.
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Options)) builder.Options = "-c jit=off";
        return builder.ConnectionString;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BackOfficeDbContext).Assembly);
        Search.SearchText.Map(builder);
        builder.HasSequence<long>(Configurations.SecureMessageConfiguration.ReferenceSequence); // secure messages (issue 15)
        ClientGeneratedKeys(builder);
    }

    /// <summary>
    /// The model's entities make their own Guid keys. Told so, EF saves a new child found in a loaded aggregate's
    /// collection (a step's file, an application's decision) as an INSERT, not as an UPDATE of a row that is not there.
    /// </summary>
    private static void ClientGeneratedKeys(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("BackOffice.Data.Domain", StringComparison.Ordinal) == true
                     && e.ClrType != typeof(StaffUser) && !e.IsOwned()))
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var type } key] && type == typeof(Guid))
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }

    /// <summary>Only for ASP.NET Core's data-protection key store, which saves synchronously and touches nothing else;
    /// every other change goes through <see cref="SaveChangesAsync(bool, CancellationToken)"/>, which chains audit events.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).All(e => e.Entity is DataProtectionKey)
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new NotSupportedException("Use SaveChangesAsync: saving chains audit events under a database lock.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await RefreshQueuesAsync(cancellationToken);
        CollectPendingFromAggregates();
        var newEvents = ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (newEvents.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await ChainAsync(newEvents, cancellationToken);
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>Every application about to be saved takes the queue its state puts it in (its steps and decisions are loaded if they are not).</summary>
    private async Task RefreshQueuesAsync(CancellationToken ct)
    {
        // One pass over the tracked entities: a long-lived context (the demo seeding) tracks thousands of them.
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged)
            .Select(e => e.Entity switch { Application a => a.Id, Step s => s.ApplicationId, Decision d => d.ApplicationId, _ => Guid.Empty })
            .ToHashSet();
        foreach (var entry in ChangeTracker.Entries<Application>().ToList())
        {
            var steps = entry.Collection(a => a.Steps);
            var decisions = entry.Collection(a => a.Decisions);
            var loaded = entry.State == EntityState.Added || (steps.IsLoaded && decisions.IsLoaded);
            if (!changed.Contains(entry.Entity.Id) && !loaded) continue;
            if (entry.State != EntityState.Added)
            {
                if (!steps.IsLoaded) await steps.LoadAsync(ct);
                if (!decisions.IsLoaded) await decisions.LoadAsync(ct);
            }
            entry.Entity.RefreshQueue();
        }
    }

    private void CollectPendingFromAggregates()
    {
        foreach (var aggregate in ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).ToList())
        {
            AuditEvents.AddRange(aggregate.PendingAuditEvents);
            OutboxMessages.AddRange(aggregate.PendingMail);
            aggregate.ClearPending();
        }
    }

    /// <summary>Numbers and links new events after the chain's head, holding a lock until commit so the chain never forks.</summary>
    private async Task ChainAsync(List<AuditEvent> events, CancellationToken ct)
    {
        await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", ct);
        var head = await AuditEvents.AsNoTracking().OrderByDescending(e => e.Position)
            .Select(e => new { e.Position, e.Hash }).FirstOrDefaultAsync(ct);
        var position = head?.Position ?? 0;
        var previous = head?.Hash ?? AuditEvent.GenesisHash;
        foreach (var e in events)
        {
            e.Chain(++position, previous);
            previous = e.Hash;
        }
    }
}

/// <summary>The last registry number given out in a year.</summary>
public class RegistrySequence
{
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

/// <summary>The last certificate number given out: one row, for every year (the number is global, the year only its prefix).</summary>
public class CertificateNumberCounter
{
    public const int SingleId = 1;

    public int Id { get; set; }
    public long LastNumber { get; set; }
}
