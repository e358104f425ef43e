using BackOffice.Data.Domain;
using BackOffice.Web.Infrastructure.Documents;
using BackOffice.Web.Infrastructure.SecureMessages;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Secure;

/// <summary>
/// A verified sender writes to the office: recipient, subject, message and attachments, sent as one streamed form
/// (<see cref="MessageIntake"/>). What is refused is said beside its field, the typed text is kept, and nothing is stored.
/// </summary>
[IgnoreAntiforgeryToken, DisableFormValueModelBinding, EnableRateLimiting(SecureMessageRateLimits.Sending)]
[AcceptsUpload(SecureMessageOptions.MaxAttachmentBytesKey, DefaultMaxFileBytes = SecureMessageOptions.DefaultMaxAttachmentBytes,
    MaxFilesSetting = SecureMessageOptions.MaxAttachmentsKey, DefaultMaxFiles = SecureMessageOptions.DefaultMaxAttachments)]
public class WriteModel(MessageIntake intake, SenderAddressLimits limits, IOptions<SecureMessageOptions> options, IStringLocalizer<SharedResource> l,
    ILogger<WriteModel> log) : PageModel
{
    public MessageForm Form { get; private set; } = MessageForm.Empty;
    public VerifiedSender Sender { get; private set; } = null!;
    public IReadOnlyList<RecipientOption> Recipients => options.Value.RecipientList;
    public long MaxMegabytes => options.Value.MaxAttachmentBytes / (1024 * 1024);
    public int MaxAttachments => options.Value.MaxAttachments;

    public void OnGet(string? subject)
    {
        Sender = SenderSessions.Of(User)!;
        Form = new MessageForm(Recipients[0].Code, subject is { Length: <= Data.Domain.Messages.SecureMessage.MaxSubjectLength } ? subject : "", "");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Sender = SenderSessions.Of(User)!;
        if (!limits.TrySend(Sender.Email))
        {
            await StreamedUpload.DrainAsync(Request.Body, ct);
            ModelState.AddModelError(string.Empty, l[ErrorCodes.TooManyRequests]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        IntakeResult result;
        try
        {
            result = await intake.SendAsync(HttpContext, Sender, SecurePages.Language, ct);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The sender's browser went away mid-upload; MessageIntake removed what had arrived, and nobody is left to answer.
            log.LogInformation("A secure message's upload was cut off by the sender ({Type})", e.GetType().Name);
            return new EmptyResult();
        }
        if (result.Message is { } sent) return RedirectToPage("/Secure/Sent", new { id = sent.Id });
        Form = result.Form;
        foreach (var problem in result.Problems) ModelState.AddModelError(problem.Field, Describe(problem));
        return Page();
    }

    private string Describe(IntakeProblem problem)
    {
        var reason = problem.Code switch
        {
            ErrorCodes.FileTooLarge => l["Error.FileTooLargeLimit", MaxMegabytes],
            ErrorCodes.MessageTooManyAttachments => l[problem.Code, MaxAttachments],
            _ => l[problem.Code],
        };
        return problem.FileName is { } name ? l["Secure.FileRefused", name, reason] : reason;
    }
}
