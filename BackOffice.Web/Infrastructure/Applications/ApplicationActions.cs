using System.Security.Claims;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;

namespace BackOffice.Web.Infrastructure.Applications;

/// <summary>
/// Which of the actions the state machine allows now the signed-in person may take from the application page.
/// Only a guide for what to show: each action's page authorises again. Reviews, final review and the document loop
/// are offered by the review pages (issue 6) through the page's partials.
/// </summary>
public static class ApplicationActions
{
    private static readonly Dictionary<IssuanceAction, string> RoleFor = new()
    {
        [IssuanceAction.StartProcessing] = Roles.Administrator,
        [IssuanceAction.RecordDataVerification] = Roles.Administrator,
        [IssuanceAction.RecordApproval] = Roles.Administrator,
        [IssuanceAction.RecordAttestation] = Roles.Administrator,
        [IssuanceAction.RecordInvoiceRecipient] = Roles.Administrator,
        [IssuanceAction.RecordSignature] = Roles.Administrator,
        [IssuanceAction.CancelIssuance] = Roles.Administrator,
    };

    /// <summary>The actions recorded with a note on the RecordEvent page.</summary>
    public static bool IsRecordedWithNote(IssuanceAction action) =>
        action == IssuanceAction.StartProcessing || IssuanceProcess.OutsideEvents.Contains(action);

    /// <summary>Reads an action's name from a URL; numbers and unknown names are refused.</summary>
    public static bool TryParseRecordable(string? name, out IssuanceAction action) =>
        Enum.TryParse(name, ignoreCase: false, out action) && !int.TryParse(name, out _) && IsRecordedWithNote(action);

    public static IReadOnlyList<IssuanceAction> For(Application application, ClaimsPrincipal user) =>
        application.AllowedActions().Where(a => RoleFor.TryGetValue(a, out var role) && user.IsInRole(role)).ToList();
}
