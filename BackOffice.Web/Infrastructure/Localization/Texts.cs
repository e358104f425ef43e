using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Steps;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Localization;

/// <summary>The model's values in words, in the reader's language.</summary>
public static class Texts
{
    public static string Stage(this IStringLocalizer l, ApplicationStage stage) => l["Stage." + stage];
    public static string StepStatus(this IStringLocalizer l, StepStatus status) => l["StepStatus." + status];
    public static string CertificateStatus(this IStringLocalizer l, CertificateStatus status) => l["CertificateStatus." + status];
    /// <summary>An RFC 5280 reason in words ("Key compromise"); a code not defined reads as empty.</summary>
    public static string RevocationReason(this IStringLocalizer l, RevocationReason reason) =>
        Enum.IsDefined(reason) ? l["RevocationReason." + reason] : "";
    /// <summary>The type's name in the reader's language, as the office wrote it (ReferenceTexts); the code when unknown.</summary>
    public static string CertificateType(this IStringLocalizer l, string code) => Or(l["CertificateType." + code], code);

    /// <summary>A step's name in the reader's language from its template; the name the step was created with otherwise.</summary>
    public static string StepName(this IStringLocalizer l, Guid? templateId, string name) =>
        templateId is { } id ? Or(l[$"StepTemplate.{id}.Name"], name) : name;

    public static string? StepInstructions(this IStringLocalizer l, Guid? templateId, string? instructions) =>
        templateId is { } id ? Or(l[$"StepTemplate.{id}.Instructions"], instructions) : instructions;

    /// <summary>Who did it: a staff member's name, or an outside system's name in the reader's language where it has one.</summary>
    public static string ActorName(this IStringLocalizer l, Guid? actorId, string name) =>
        actorId is null ? Or(l["Actor." + new string(name.Where(char.IsLetterOrDigit).ToArray())], name) : name;

    /// <summary>A history line as a sentence: "The issuance of the certificate was cancelled by Maria Virtanen".</summary>
    public static string History(this IStringLocalizer l, HistoryEntry entry) => l.History(entry.Kind, entry.ActorId, entry.ActorName, entry.Detail);

    /// <summary>The same sentence from a history line's columns (the history export reads them straight from the database).</summary>
    public static string History(this IStringLocalizer l, HistoryKind kind, Guid? actorId, string actorName, string? detail) =>
        l["History." + kind, l.ActorName(actorId, actorName), NamesAStep(kind) && detail is { } step ? Or(l["StepNamed." + step], step) : detail ?? ""];

    private static bool NamesAStep(HistoryKind kind) => kind is HistoryKind.StepFileUploaded or HistoryKind.StepApproved or HistoryKind.StepNotApproved;

    /// <summary>Lines whose detail is the certificate number their sentence names (its issue and, issue 13, its revocation).</summary>
    private static bool NamesTheCertificate(HistoryKind kind) => kind is HistoryKind.Issued
        or HistoryKind.RevocationRequested or HistoryKind.RevocationApproved or HistoryKind.RevocationWithdrawn or HistoryKind.CertificateRevoked;

    /// <summary>A history line's note: the office's standard note in the reader's language, then any note written with it;
    /// nothing for a line whose detail its sentence already names (the step, the certificate number).</summary>
    public static string? HistoryNote(this IStringLocalizer l, HistoryEntry entry) => l.HistoryNote(entry.Kind, entry.NoteId, entry.Detail);

    public static string? HistoryNote(this IStringLocalizer l, HistoryKind kind, Guid? noteId, string? detail)
    {
        if (noteId is null && (NamesAStep(kind) || NamesTheCertificate(kind))) return null;
        var standard = noteId is { } id ? Or(l["StandardNote." + id], null) : null;
        return standard is null ? detail : detail is null ? standard : $"{standard} — {detail}";
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(fallback))]
    private static string? Or(LocalizedString text, string? fallback) => text.ResourceNotFound ? fallback : text.Value;

    /// <summary>The message for a refused action (a <see cref="DomainException"/>'s code), falling back to its English text.</summary>
    public static string Error(this IStringLocalizer l, DomainException e)
    {
        var text = l[e.Code];
        return text.ResourceNotFound ? e.Message : text.Value;
    }
}
