using System.Diagnostics;
using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain;
using BackOffice.Data.Domain.CertificateTypes;
using BackOffice.Data.Domain.StandardNotes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Localization;

/// <summary>
/// The texts the office writes itself — certificate-type names, step names and instructions, standard notes — in the
/// three languages, read from the database into memory and refreshed when older than <see cref="MaxAge"/> (an edit on
/// this instance refreshes at once; another instance sees it within that time). Pages read them through the interface's
/// localizer (<see cref="OfficeTextLocalizer"/>), so <c>L.CertificateType(code)</c> and <c>L.StepName(…)</c> speak the
/// reader's language and fall back to English.
/// </summary>
public sealed class ReferenceTexts(IServiceScopeFactory scopes, ILogger<ReferenceTexts> log)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private sealed record Snapshot(
        IReadOnlyDictionary<string, LocalizedText> Types,
        IReadOnlyDictionary<Guid, (LocalizedText Name, LocalizedText Instructions)> Steps,
        IReadOnlyDictionary<Guid, LocalizedText> Notes,
        IReadOnlyDictionary<string, LocalizedText> StepsByEnglishName);

    private static readonly Snapshot Empty = new(new Dictionary<string, LocalizedText>(), new Dictionary<Guid, (LocalizedText, LocalizedText)>(),
        new Dictionary<Guid, LocalizedText>(), new Dictionary<string, LocalizedText>());
    private volatile Snapshot _texts = Empty;
    private long _loadedAt = long.MinValue;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private bool Fresh => _loadedAt != long.MinValue && Stopwatch.GetElapsedTime(Interlocked.Read(ref _loadedAt)) < MaxAge;

    /// <summary>Reads the texts again when they are older than <see cref="MaxAge"/>; a database that does not answer keeps the old ones.</summary>
    public async Task EnsureFreshAsync(CancellationToken ct)
    {
        if (Fresh) return;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh) return;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDbContext>();
            // Reads, made again on a fresh connection after a database restart (issue 17).
            Load(await Database.Replayable.RunAsync(db, token => db.CertificateTypes.AsNoTracking().Include(t => t.StepTemplates).ToListAsync(token), ct),
                await Database.Replayable.RunAsync(db, token => db.StandardNotes.AsNoTracking().ToListAsync(token), ct));
            Interlocked.Exchange(ref _loadedAt, Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("The office's texts could not be read ({Type}: {Message}); the ones read before stay in use.", e.GetType().Name, e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Holds these texts (what the database gave, or reference data in a test without one).</summary>
    internal void Load(IEnumerable<CertificateType> types, IEnumerable<StandardNote> notes)
    {
        var typeList = types.ToList();
        var steps = typeList.SelectMany(t => t.StepTemplates).ToList();
        _texts = new Snapshot(
            typeList.ToDictionary(t => t.Code, t => t.Names),
            steps.ToDictionary(s => s.Id, s => (s.Names, s.InstructionTexts)),
            notes.ToDictionary(n => n.Id, n => n.Texts),
            // History lines name a step by the English name it had: they read it in the reader's language through this.
            steps.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First().Names));
    }

    /// <summary>After an edit: the next request reads the texts again.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _loadedAt, long.MinValue);

    public string? TypeName(string code, string language) => _texts.Types.TryGetValue(code, out var t) ? t.In(language) : null;
    public string? StepName(Guid templateId, string language) => _texts.Steps.TryGetValue(templateId, out var s) ? s.Name.In(language) : null;
    public string? StepInstructions(Guid templateId, string language) =>
        _texts.Steps.TryGetValue(templateId, out var s) && s.Instructions.En.Length > 0 ? s.Instructions.In(language) : null;
    public string? Note(Guid noteId, string language) => _texts.Notes.TryGetValue(noteId, out var n) ? n.In(language) : null;

    /// <summary>Resolves the localizer keys <c>CertificateType.{code}</c>, <c>StepTemplate.{id}.Name|Instructions</c>,
    /// <c>StepNamed.{English name}</c> and <c>StandardNote.{id}</c>.</summary>
    public string? Lookup(string key, string language)
    {
        if (key.StartsWith("CertificateType.", StringComparison.Ordinal)) return TypeName(key["CertificateType.".Length..], language);
        if (key.StartsWith("StepNamed.", StringComparison.Ordinal))
            return _texts.StepsByEnglishName.TryGetValue(key["StepNamed.".Length..], out var named) ? named.In(language) : null;
        if (key.StartsWith("StandardNote.", StringComparison.Ordinal))
            return Guid.TryParse(key["StandardNote.".Length..], out var note) ? Note(note, language) : null;
        if (key.StartsWith("StepTemplate.", StringComparison.Ordinal))
        {
            var parts = key.Split('.');
            if (parts.Length == 3 && Guid.TryParse(parts[1], out var id))
                return parts[2] switch { "Name" => StepName(id, language), "Instructions" => StepInstructions(id, language), _ => null };
        }
        return null;
    }
}

/// <summary>The interface's localizer: the resources, and the office's own texts (<see cref="ReferenceTexts"/>) for their keys.</summary>
public sealed class OfficeTextLocalizer(IStringLocalizerFactory factory, ReferenceTexts texts) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer _resources = factory.Create(typeof(SharedResource));

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public LocalizedString this[string name] =>
        texts.Lookup(name, Language) is { } text ? new LocalizedString(name, text) : _resources[name];

    public LocalizedString this[string name, params object[] arguments] =>
        texts.Lookup(name, Language) is { } text ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text, arguments)) : _resources[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _resources.GetAllStrings(includeParentCultures);
}
