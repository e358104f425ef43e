using System.Globalization;
using System.Text.Json;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Audit;

/// <summary>An audit event as an event log shows it; <see cref="RegistryNumber"/> names the application it is about, if any.</summary>
public sealed record AuditLine(long Position, DateTimeOffset At, string ActorName, string Action, string Details, string? RegistryNumber)
{
    public bool IsView => AuditActions.IsView(Action);
}

/// <summary>
/// The one voice of the event log: every audit event as a sentence in the reader's language ("Maria Virtanen cancelled the
/// issuance of BO/2026/000001"), from resources <c>Audit.&lt;action&gt;</c>. Used by every page and export that shows events;
/// no action code, JSON, hash or identifier reaches the reader.
/// </summary>
public static class AuditSentences
{
    public static string Sentence(this IStringLocalizer l, AuditLine e, OfficeTime time)
    {
        var d = Details(e.Details);
        string D(string key) => d.TryGetValue(key, out var v) && v is not null ? v : "";
        // A system's name (the public portal) reads in the reader's language; the trail keeps no actor id, so by name.
        string actor = string.IsNullOrWhiteSpace(e.ActorName) ? l["Audit.UnknownActor"] : l.ActorName(null, e.ActorName);
        string Step() => D("step") is { Length: > 0 } step ? l["StepNamed." + step] is { ResourceNotFound: false } named ? named.Value : step : "";
        string subject = e.RegistryNumber ?? (D("registryNumber") is { Length: > 0 } n ? n : l["Audit.TheApplication"]);
        var key = "Audit." + e.Action;
        LocalizedString text = e.Action switch
        {
            AuditActions.ApplicationRegistered => l[key, actor, subject, l.CertificateType(D("type"))],
            AuditActions.ApplicationStageChanged => First(l, [$"Audit.Stage.{D("action")}", key], actor, subject, StageWord(l, D("from")), StageWord(l, D("to"))),
            AuditActions.InvoiceRecipientRecorded => l[key, actor, subject, l["InvoiceKind." + D("kind")].ResourceNotFound ? "" : l["InvoiceKind." + D("kind")], D("city")],
            AuditActions.ApplicationViewed => First(l, [$"{key}.{D("page")}", key], actor, subject, Step()),
            AuditActions.StepFileUploaded or AuditActions.StepFileViewed or AuditActions.StepFileDownloaded =>
                l[key, actor, subject, Step(), D("file"), D("version")],
            AuditActions.StepApproved => l[key, actor, subject, Step()],
            AuditActions.StepNotApproved => l[key, actor, subject, Step(), D("reason")],
            AuditActions.CertificateIssued => l[key, actor, subject, D("certificateNumber"),
                DateTimeOffset.TryParse(D("validUntil"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var until) ? time.Date(until) : ""],
            AuditActions.DecisionAcknowledged => l[key, actor, subject, l["DecisionKind." + D("decision")]],
            AuditActions.PersonViewed => First(l, [$"{key}.{D("tab")}", key], actor, subject),
            AuditActions.OutboxRetried => l[key, actor, subject, l["Outbox.Template." + D("template")]],
            AuditActions.StepTemplateAdded or AuditActions.StepTemplateEdited or AuditActions.StepTemplateRemoved =>
                l[key, actor, subject, D("name"), l.CertificateType(D("type"))],
            AuditActions.StepTemplateFileSet => l[key, actor, subject, D("file")],
            AuditActions.CertificateTypeRenamed => l[key, actor, subject, D("name"), D("nameSv"), D("nameFi")],
            AuditActions.StandardNoteAdded or AuditActions.StandardNoteEdited or AuditActions.StandardNoteRetired or AuditActions.StandardNoteReinstated =>
                l[key, actor, subject, D("text"), l["Action." + D("action")] is { ResourceNotFound: false } a ? a.Value : D("action")],
            AuditActions.ChainCheckpoint => l[key, D("position"), D("keyId")],
            AuditActions.SignInFailed => First(l, [$"{key}.{D("reason")}", key], actor, subject, D("email")),
            AuditActions.ReportExported or AuditActions.ReportDownloaded =>
                l[key, actor, subject, l["Report.Name." + D("report")], l["Report.Format." + D("format")], Count(D("rows"))],
            AuditActions.AuditVerified => First(l, [$"{key}.{D("result")}", key], actor, subject, Count(D("events")), D("position")),
            AuditActions.StaffRecordViewed => l[key, actor, subject, D("staff")],
            // Revocation (issue 13).
            AuditActions.RevocationRequested => First(l, D("scheduledSendAt").Length > 0 ? [$"{key}.scheduled", key] : [key],
                actor, subject, D("certificateNumber"), ReasonWord(l, D("reason")), TimeWord(time, D("scheduledSendAt"))),
            AuditActions.RevocationApproved or AuditActions.RevocationFormViewed => l[key, actor, subject, D("certificateNumber")],
            // The request page, or the withdrawal's or approval's own page (details "page").
            AuditActions.RevocationViewed => First(l, [$"{key}.{D("page")}", key], actor, subject, D("certificateNumber")),
            AuditActions.RevocationWithdrawn => l[key, actor, subject, D("certificateNumber"), D("reason")],
            AuditActions.CertificateRevoked => l[key, actor, subject, D("certificateNumber"), ReasonWord(l, D("reason")), TimeWord(time, D("revokedAt"))],
            AuditActions.RevokedFeedRead => l[key, actor, subject, D("format").ToUpperInvariant(), D("count")],
            AuditActions.EmploymentEnded => l[key, actor, subject, D("organisation"),
                DateOnly.TryParseExact(D("endDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ended) ? ended.ToString("d", CultureInfo.CurrentCulture) : ""],
            // Secure messages (issue 15): {2} the message's reference, {3} the file
            AuditActions.MessageReceived or AuditActions.MessageViewed or AuditActions.MessageUnlinked or AuditActions.MessageHandled
                or AuditActions.MessageReopened or AuditActions.MessageReplied or AuditActions.MessageReplyRead or AuditActions.MessagePurged =>
                l[key, actor, subject, D("reference")],
            AuditActions.MessageAttachmentDownloaded => l[key, actor, subject, D("reference"), D("file")],
            AuditActions.MessageLinked => l[D("how") == "Automatic" ? key + ".Automatic" : D("registryNumber").Length == 0 ? key + ".Person" : key,
                actor, subject, D("reference")],
            // Staff accounts, strong sign-in and organisations (issue 14): {1} is the account's or the organisation's name.
            AuditActions.SignIn => First(l, [$"{key}.{D("method")}", key], actor, subject),
            AuditActions.StaffInvited => l[key, actor, D("name"), D("email"), RoleWords(l, D("roles"))],
            AuditActions.StaffRolesChanged => l[key, actor, D("name"), RoleWords(l, D("to")), RoleWords(l, D("from"))],
            AuditActions.StaffLinkSent or AuditActions.StaffPasswordSet or AuditActions.StaffDisabled or AuditActions.StaffEnabled
                or AuditActions.StaffTwoFactorReset => l[key, actor, D("name")],
            AuditActions.SecondFactorFailed => First(l, [$"{key}.{D("method")}.{D("reason")}", $"{key}.{D("reason")}", key], actor, ""),
            AuditActions.RecoveryCodeUsed => l[key, actor, D("left")],
            AuditActions.RecoveryCodesGenerated or AuditActions.OtherSessionsEnded => l[key, actor, D("count")],
            AuditActions.PasskeyAdded or AuditActions.PasskeyRemoved => l[key, actor, D("name")],
            AuditActions.OrganisationAdded or AuditActions.OrganisationViewed => l[key, actor, D("name"), D("number")],
            AuditActions.OrganisationEdited => First(l, [(d.ContainsKey("previousName") || d.ContainsKey("previousNumber") ? key + ".before" : key)], actor,
                D("name"), D("number"), string.Join(", ", new[] { D("previousName"), D("previousNumber") }.Where(v => v.Length > 0))),
            _ => l[key, actor, subject],
        };
        var sentence = text.ResourceNotFound ? l["Audit.Other", actor].Value : text.Value;
        if (d.Keys.Any(k => k.StartsWith("filter.", StringComparison.Ordinal)))
            sentence += " " + l["Audit.Filters", string.Join("; ", Exports.ReportFilter.Describe(l, d).Select(f => $"{f.Label}: {f.Value}"))];
        var standard = D("standardNote") is { Length: > 0 } id && l["StandardNote." + id] is { ResourceNotFound: false } s ? s.Value : null;
        var note = string.Join(" — ", new[] { standard, D("note") }.Where(n => !string.IsNullOrEmpty(n)));
        return note.Length > 0 ? sentence + " " + l["Audit.Note", note] : sentence;
    }

    /// <summary>What an audit action is, in a few words (the audit trail's filter and its export's column).</summary>
    public static string AuditAction(this IStringLocalizer l, string action) =>
        l["Audit.Action." + action] is { ResourceNotFound: false } name ? name.Value : l["Audit.Action.Other"].Value;

    private static string Count(string number) =>
        long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n.ToString("N0", CultureInfo.CurrentCulture) : number;

    private static LocalizedString First(IStringLocalizer l, string[] keys, params object[] args) =>
        keys.Select(k => l[k, args]).FirstOrDefault(t => !t.ResourceNotFound) ?? l[keys[^1], args];

    private static string ReasonWord(IStringLocalizer l, string reason) =>
        Enum.TryParse<BackOffice.Data.Domain.Revocations.RevocationReason>(reason, out var r) ? l.RevocationReason(r) : "";

    private static string TimeWord(OfficeTime time, string iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? time.At(at) : "";

    /// <summary>Role codes as stored ("Administrator,Auditor") in words, in the reader's language.</summary>
    private static string RoleWords(IStringLocalizer l, string roles) =>
        string.Join(", ", roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => l["Role." + r].ResourceNotFound ? r : l["Role." + r].Value));

    private static string StageWord(IStringLocalizer l, string stage) =>
        Enum.TryParse<ApplicationStage>(stage, out var s) && Enum.IsDefined(s) ? l.Stage(s) : "";

    /// <summary>The event's details as stored (jsonb gives keys back in its own order and spacing; only the values matter).</summary>
    private static Dictionary<string, string?> Details(string json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return values;
            foreach (var p in doc.RootElement.EnumerateObject())
                values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetRawText();
        }
        catch (JsonException)
        {
            // A malformed row still reads as a sentence, without its details.
        }
        return values;
    }
}
