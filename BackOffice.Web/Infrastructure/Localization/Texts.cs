using BackOffice.Data.Domain;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Steps;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.Localization;

/// <summary>The model's values in words, in the reader's language.</summary>
public static class Texts
{
    public static string Stage(this IStringLocalizer l, ApplicationStage stage) => l["Stage." + stage];
    public static string StepStatus(this IStringLocalizer l, StepStatus status) => l["StepStatus." + status];
    public static string CertificateStatus(this IStringLocalizer l, CertificateStatus status) => l["CertificateStatus." + status];
    public static string CertificateType(this IStringLocalizer l, string code) => l["CertificateType." + code];

    /// <summary>A history line as a sentence: "The issuance of the certificate was cancelled by Maria Virtanen".</summary>
    public static string History(this IStringLocalizer l, HistoryEntry entry) => l.History(entry.Kind, entry.ActorName, entry.Detail);

    public static string History(this IStringLocalizer l, HistoryKind kind, string actorName, string? detail) =>
        l["History." + kind, actorName, detail ?? ""];

    /// <summary>The message for a refused action (a <see cref="DomainException"/>'s code), falling back to its English text.</summary>
    public static string Error(this IStringLocalizer l, DomainException e)
    {
        var text = l[e.Code];
        return text.ResourceNotFound ? e.Message : text.Value;
    }
}
