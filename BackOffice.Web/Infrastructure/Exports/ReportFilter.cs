using System.Globalization;
using BackOffice.Data.Domain.Applications;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>
/// The filters of a report, an export or the audit trail, resolved: every id the reader chose with the name it stands for, and the
/// date range in the office's calendar (both ends included). Stored with an export job and, by names only, in the audit event.
/// </summary>
public sealed record ReportFilter
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public Guid? PersonId { get; init; }
    public string? PersonName { get; init; }
    public Guid? ApplicationId { get; init; }
    public string? RegistryNumber { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    public string? TypeCode { get; init; }
    public ApplicationStage? Stage { get; init; }
    public Guid? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string? Action { get; init; }
    public Guid? CertificateId { get; init; }
    public Guid? CertificateApplicationId { get; init; }
    public string? CertificateNumber { get; init; }

    /// <summary>The first moment of <see cref="From"/> and the first moment after <see cref="To"/>, in the office's zone, as UTC.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Range(TimeZoneInfo zone) => (Midnight(From, zone), Midnight(To.AddDays(1), zone));

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Every value, for an export job to run the same query later.</summary>
    public Dictionary<string, string?> ToValues() => new()
    {
        ["from"] = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["personId"] = PersonId?.ToString(), ["personName"] = PersonName,
        ["applicationId"] = ApplicationId?.ToString(), ["registryNumber"] = RegistryNumber,
        ["organisationId"] = OrganisationId?.ToString(), ["organisationName"] = OrganisationName,
        ["type"] = TypeCode, ["stage"] = Stage?.ToString(),
        ["actorId"] = ActorId?.ToString(), ["actorName"] = ActorName, ["action"] = Action,
        ["certificateId"] = CertificateId?.ToString(), ["certificateApplicationId"] = CertificateApplicationId?.ToString(), ["certificateNumber"] = CertificateNumber,
    };

    public static ReportFilter FromValues(IReadOnlyDictionary<string, string?> v)
    {
        string? S(string key) => v.TryGetValue(key, out var s) && !string.IsNullOrEmpty(s) ? s : null;
        Guid? G(string key) => Guid.TryParse(S(key), out var g) ? g : null;
        return new ReportFilter
        {
            From = DateOnly.ParseExact(S("from")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = DateOnly.ParseExact(S("to")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            PersonId = G("personId"), PersonName = S("personName"),
            ApplicationId = G("applicationId"), RegistryNumber = S("registryNumber"),
            OrganisationId = G("organisationId"), OrganisationName = S("organisationName"),
            TypeCode = S("type"), Stage = Enum.TryParse<ApplicationStage>(S("stage"), out var stage) ? stage : null,
            ActorId = G("actorId"), ActorName = S("actorName"), Action = S("action"),
            CertificateId = G("certificateId"), CertificateApplicationId = G("certificateApplicationId"), CertificateNumber = S("certificateNumber"),
        };
    }

    /// <summary>What an audit event says about the filters: names and codes, never ids (keys <c>filter.*</c>).</summary>
    public Dictionary<string, string?> AuditDetails()
    {
        var d = new Dictionary<string, string?>
        {
            ["filter.from"] = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["filter.to"] = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        void Add(string key, string? value) { if (value is not null) d["filter." + key] = value; }
        Add("person", PersonName);
        Add("application", RegistryNumber);
        Add("organisation", OrganisationName);
        Add("type", TypeCode);
        Add("stage", Stage?.ToString());
        Add("actor", ActorName);
        Add("action", Action);
        Add("certificate", CertificateNumber);
        return d;
    }

    /// <summary>The filters of an audit event's details, in the reader's language: "Period: 1.1.2026–31.3.2026; Certificate type: Service certificate".</summary>
    public static IReadOnlyList<(string Label, string Value)> Describe(IStringLocalizer l, IReadOnlyDictionary<string, string?> details)
    {
        string? V(string key) => details.TryGetValue("filter." + key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        var lines = new List<(string, string)>();
        static string Day(string iso) => DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("d", CultureInfo.CurrentCulture) : iso;
        if (V("from") is { } from && V("to") is { } to) lines.Add((l["Report.Filter.Period"], $"{Day(from)}–{Day(to)}"));
        if (V("person") is { } person) lines.Add((l["Report.Filter.Person"], person));
        if (V("application") is { } application) lines.Add((l["Report.Filter.Application"], application));
        if (V("certificate") is { } certificate) lines.Add((l["Report.Filter.Certificate"], certificate));
        if (V("organisation") is { } organisation) lines.Add((l["Report.Filter.Organisation"], organisation));
        if (V("type") is { } type) lines.Add((l["Report.Filter.Type"], l.CertificateType(type)));
        if (V("stage") is { } stage && Enum.TryParse<ApplicationStage>(stage, out var s)) lines.Add((l["Report.Filter.Stage"], l.Stage(s)));
        if (V("actor") is { } actor) lines.Add((l["Report.Filter.Actor"], actor));
        if (V("action") is { } action) lines.Add((l["Report.Filter.Action"], l.AuditAction(action)));
        return lines;
    }

    public IReadOnlyList<(string Label, string Value)> Describe(IStringLocalizer l) => Describe(l, AuditDetails());
}
