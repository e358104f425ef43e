using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BackOffice.Data.Domain.Audit;

/// <summary>
/// One entry of the append-only audit trail: who did or saw what, when, on what. Each stores the SHA-256 of its
/// canonical content and the previous event's hash, so any edit to the table breaks the chain.
/// </summary>
public class AuditEvent
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEvent() { }

    public static AuditEvent Create(DateTimeOffset at, Actor? actor, string action, string entityType, string? entityId,
        Guid? personId = null, Guid? applicationId = null, IReadOnlyDictionary<string, string?>? details = null) => new()
    {
        // PostgreSQL keeps microseconds: truncate so the hash computed now matches the stored row.
        OccurredAt = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero),
        ActorId = actor?.UserId,
        ActorName = actor?.Name ?? "",
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        PersonId = personId,
        ApplicationId = applicationId,
        Details = JsonSerializer.Serialize(
            new SortedDictionary<string, string?>((details ?? new Dictionary<string, string?>()).ToDictionary(), StringComparer.Ordinal)),
    };

    public long Id { get; private set; }
    /// <summary>Place in the hash chain (1, 2, 3 …), given under the chain lock; the database checks the link.</summary>
    public long Position { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    /// <summary>What happened, as a stable dotted code: <c>application.stage-changed</c>, <c>person.viewed</c>, <c>auth.sign-in</c>.</summary>
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }
    /// <summary>The person whose data this is about, for the person card's event log.</summary>
    public Guid? PersonId { get; private set; }
    public Guid? ApplicationId { get; private set; }
    /// <summary>JSON object with keys in ordinal order.</summary>
    public string Details { get; private set; } = "{}";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>The exact text the hash covers; changing any field changes it.</summary>
    public string CanonicalContent() => string.Join('\n',
        Position.ToString(CultureInfo.InvariantCulture),
        PreviousHash,
        OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ActorId?.ToString() ?? "",
        ActorName,
        Action,
        EntityType,
        EntityId ?? "",
        PersonId?.ToString() ?? "",
        ApplicationId?.ToString() ?? "",
        CanonicalDetails(Details));

    /// <summary>
    /// The details as they were serialised when the event was made (keys in ordinal order, no spaces): PostgreSQL's jsonb
    /// hands them back reformatted, so the hash covers this form, not the column's text, and a row read back still verifies.
    /// The form is System.Text.Json's default output (its escaping included), pinned by AuditEventTests so that a runtime upgrade
    /// that changed it would fail a test rather than every stored hash.
    /// </summary>
    /// Details that are not an object of strings (only a changed row has such) keep their text, which then does not recompute.
    private static string CanonicalDetails(string details)
    {
        if (details == "{}") return details;
        // Read and written with the serializer's own reader and writer (default encoder): the same text as serialising a
        // SortedDictionary of the values, without building one for each of a million events.
        var pairs = new List<(string Key, string? Value)>(8);
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(details));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return details;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return details;
                pairs.Add((key, reader.TokenType == JsonTokenType.Null ? null : reader.GetString()));
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return details;
        }
        catch (JsonException) { return details; }
        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (var i = 1; i < pairs.Count; i++)
            if (pairs[i].Key == pairs[i - 1].Key) return details;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(details.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs)
                if (value is null) writer.WriteNull(key);
                else writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalContent())));

    /// <summary>Links the event after <paramref name="previousHash"/>; done while holding the chain lock.</summary>
    internal void Chain(long position, string previousHash)
    {
        Position = position;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public bool IsIntact => Hash == ComputeHash();
}
