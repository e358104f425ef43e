using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Data.Domain.Outbox;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Revocations;

/// <summary>Scheduling with the fake clock: a scheduled request is withdrawn before its send time; after it, it is binding.</summary>
public class WithdrawTests(RevocationFactory app) : IClassFixture<RevocationFactory>
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>The office's wall-clock time, as the form's datetime-local field takes it.</summary>
    private static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Helsinki).ToString("yyyy-MM-dd'T'HH:mm");

    /// <summary>A request scheduled two hours ahead, made through the form by Maria Virtanen.</summary>
    private async Task<(Application Application, Certificate Certificate, string Url, DateTimeOffset SendAt)> ScheduledAsync(HttpClient admin)
    {
        var (application, certificate) = await app.IssuedCertificateAsync(lastName: "Scheduled");
        var sendAt = app.Clock.GetUtcNow().AddHours(2);
        sendAt = sendAt.AddTicks(-(sendAt.Ticks % TimeSpan.TicksPerMinute));
        var review = await admin.SubmitFormAsync($"/Revocations/New?serial={certificate.SerialNumber}", new()
        {
            ["Reason"] = nameof(RevocationReason.CessationOfOperation), ["TypedSerial"] = certificate.SerialNumber, ["SendAt"] = Local(sendAt),
        }, "form[data-testid=revocation-form]");
        var step = await review.ParseAsync();
        Assert.Contains($"It is sent on {TimeZoneInfo.ConvertTime(sendAt, Helsinki):dd/MM/yyyy HH:mm}", step.Text("[data-testid=confirm-limit]"));
        var sent = await admin.SubmitAsync(step.QuerySelector<IHtmlFormElement>("[data-testid=confirmation] form")!, [], "[data-testid=confirm-send]");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return (application, certificate, sent.Headers.Location!.OriginalString, sendAt);
    }

    [Fact]
    public async Task AScheduledRequest_IsWithdrawnBeforeItsSendTime_WithWhoAndWhy()
    {
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var (application, certificate, url, sendAt) = await ScheduledAsync(admin);
        var details = await admin.GetDocumentAsync(url);
        Assert.Equal("Scheduled", details.Text("[data-testid=phase]"));
        Assert.Contains("The revocation request is scheduled", details.QuerySelector("main")!.TextContent);

        app.Clock.Advance(TimeSpan.FromHours(1));
        var admin2 = await app.SignInAsync("admin2@test.example");
        var withdrawUrl = (await admin2.GetDocumentAsync(url)).QuerySelector("[data-testid=withdraw]")!.GetAttribute("href")!;
        var noReason = await admin2.SubmitFormAsync(withdrawUrl, new() { ["Reason"] = " " }, "form[data-testid=withdraw-form]");
        Assert.Contains("Say why the request is withdrawn", (await noReason.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(RevocationState.Pending, (await app.ReloadRequestAsync(Guid.Parse(url.Split('/')[^1]))).State);

        var done = await admin2.SubmitFormAsync(withdrawUrl, new() { ["Reason"] = "The service runs until spring after all" }, "form[data-testid=withdraw-form]");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var withdrawn = await admin2.GetDocumentAsync(url);
        Assert.Equal("Withdrawn", withdrawn.Text("[data-testid=phase]"));
        Assert.StartsWith("Nikos Alexiou", withdrawn.Text("[data-testid=withdrawn-by]"));
        Assert.Equal("The service runs until spring after all", withdrawn.Text("[data-testid=withdrawal-reason]"));
        Assert.Equal(CertificateStatus.Active, (await app.ReloadCertificateAsync(certificate.Id)).Status);
        Assert.Contains($"Revocation request for certificate {certificate.Number} withdrawn by Nikos Alexiou",
            (await admin2.GetDocumentAsync($"/Applications/{application.Id}")).Text("[data-testid=history]"));
        await using var db = app.Db();
        var audit = await db.AuditEvents.Where(e => e.ApplicationId == application.Id && e.Action == "revocation.withdrawn").SingleAsync();
        Assert.Equal("Nikos Alexiou", audit.ActorName);
        Assert.Equal([MailTemplate.RevocationRequested, MailTemplate.RevocationWithdrawn],
            await db.OutboxMessages.Where(m => m.RegistryNumber == application.RegistryNumber && m.Template.StartsWith("revocation")).OrderBy(m => m.CreatedAt).Select(m => m.Template).ToListAsync());

        // Nothing is sent at the send time, and a new request can be made.
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.RevocationSender().ProcessBatchAsync();
        Assert.Equal(CertificateStatus.Active, (await app.ReloadCertificateAsync(certificate.Id)).Status);
        Assert.NotNull((await admin.GetDocumentAsync($"/Revocations/New?serial={certificate.SerialNumber}")).QuerySelector("[data-testid=revocation-form]"));
    }

    [Fact]
    public async Task AtItsSendTime_TheRequestIsBinding_AWithdrawalIsRefused_AndTheSenderRevokes()
    {
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var (_, certificate, url, sendAt) = await ScheduledAsync(admin);
        var withdrawUrl = (await admin.GetDocumentAsync(url)).QuerySelector("[data-testid=withdraw]")!.GetAttribute("href")!;
        var form = (await admin.GetDocumentAsync(withdrawUrl)).QuerySelector<IHtmlFormElement>("form[data-testid=withdraw-form]")!;

        app.Clock.Advance(sendAt - app.Clock.GetUtcNow());
        var details = await admin.GetDocumentAsync(url);
        Assert.Null(details.QuerySelector("[data-testid=withdraw]"));
        Assert.Contains("binding", details.Text("[data-testid=binding]"));
        Assert.NotNull((await admin.GetDocumentAsync(withdrawUrl)).QuerySelector("[data-testid=not-withdrawable]"));

        var late = await admin.SubmitAsync(form, new() { ["Reason"] = "Too late, but trying" });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("it can no longer be withdrawn", (await late.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(RevocationState.Pending, (await app.ReloadRequestAsync(Guid.Parse(url.Split('/')[^1]))).State);
        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Revoked);
        Assert.Equal(CertificateStatus.Revoked, (await app.ReloadCertificateAsync(certificate.Id)).Status);
    }

    [Fact]
    public async Task OpeningTheWithdrawalPage_AndTheForm_AreViewsOfThePersonsData_InTheAuditTrail()
    {
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var (application, certificate, url, _) = await ScheduledAsync(admin);
        var id = url.Split('/')[^1];
        await using var db = app.Db();
        long Last() => db.AuditEvents.Max(e => e.Position);
        var before = Last();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Revocations/Withdraw/{id}")).StatusCode);
        var (_, other) = await app.IssuedCertificateAsync(lastName: "FormView");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Revocations/New?serial={other.SerialNumber}")).StatusCode);

        var views = await db.AuditEvents.Where(e => e.Position > before && (e.Action == "revocation.viewed" || e.Action == "revocation.form-viewed"))
            .OrderBy(e => e.Position).Select(e => new { e.Action, e.ActorName, e.EntityId, e.PersonId, e.ApplicationId, e.Details }).ToListAsync();
        Assert.Equal(2, views.Count);
        Assert.Equal(("revocation.viewed", id, application.PersonId, (Guid?)application.Id), (views[0].Action, views[0].EntityId, views[0].PersonId!.Value, views[0].ApplicationId));
        Assert.Contains("\"page\":\"withdraw\"", views[0].Details.Replace(" ", ""));
        Assert.Equal(("revocation.form-viewed", other.Id.ToString(), other.PersonId, (Guid?)other.ApplicationId), (views[1].Action, views[1].EntityId, views[1].PersonId!.Value, views[1].ApplicationId));
        Assert.Equal(views[0].ActorName, views[1].ActorName);
        Assert.Contains(certificate.Number, views[0].Details);
    }

    [Fact]
    public async Task AStaleWithdrawForm_IsAConflict_AndChangesNothing()
    {
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var (_, _, url, _) = await ScheduledAsync(admin);
        var id = Guid.Parse(url.Split('/')[^1]);
        var withdrawUrl = $"/Revocations/Withdraw/{id}";
        var form = (await admin.GetDocumentAsync(withdrawUrl)).QuerySelector<IHtmlFormElement>("form[data-testid=withdraw-form]")!;
        await using (var db = app.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE revocation_requests SET attempts = attempts WHERE id = {id}"); // a new row version

        var response = await admin.SubmitAsync(form, new() { ["Reason"] = "Changed our minds" });

        Assert.Contains("Someone changed this request at the same moment", (await response.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(RevocationState.Pending, (await app.ReloadRequestAsync(id)).State);
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task OtherRoles_CannotWithdraw(string role)
    {
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var (_, _, url, _) = await ScheduledAsync(admin);
        var id = Guid.Parse(url.Split('/')[^1]);
        var form = (await admin.GetDocumentAsync($"/Revocations/Withdraw/{id}")).QuerySelector<IHtmlFormElement>("form[data-testid=withdraw-form]")!;
        var other = await app.SignInAsRoleAsync(role);
        var token = (await other.GetDocumentAsync("/")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Revocations/Withdraw/{id}")).StatusCode);
        var response = await other.SubmitAsync(form, new() { ["Reason"] = "Not mine to withdraw", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(RevocationState.Pending, (await app.ReloadRequestAsync(id)).State);
    }
}

/// <summary>The two-person rule (<c>Revocation:RequireSecondApproval</c>): a request waits until another Administrator approves it.</summary>
public class TwoPersonRuleTests(TwoPersonRevocationFactory app) : IClassFixture<TwoPersonRevocationFactory>
{
    [Fact]
    public async Task ARequest_WaitsForASecondAdministrator_NotTheRequester_ThenGoes()
    {
        var (application, certificate) = await app.IssuedCertificateAsync(lastName: "Approval");
        var maria = await app.SignInAsRoleAsync(Roles.Administrator);
        var review = await maria.SubmitFormAsync($"/Revocations/New?serial={certificate.SerialNumber}",
            new() { ["Reason"] = nameof(RevocationReason.KeyCompromise), ["TypedSerial"] = certificate.SerialNumber }, "form[data-testid=revocation-form]");
        var step = await review.ParseAsync();
        Assert.Contains("must approve it first", step.Text("[data-testid=confirm-approval]"));
        // The deadline runs from the approval, not from now: not "sent now", and the time it would be if approved now, in office time.
        var ifApprovedNow = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow() + RevocationRequest.Limit, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"));
        var limitText = step.Text("[data-testid=confirm-limit]");
        Assert.StartsWith($"It is sent when a second administrator approves it: if that is now, the certificate {certificate.Number} of ", limitText);
        Assert.EndsWith($"Approval will be revoked by {ifApprovedNow:dd/MM/yyyy HH:mm}.", limitText);
        var sent = await maria.SubmitAsync(step.QuerySelector<IHtmlFormElement>("[data-testid=confirmation] form")!, [], "[data-testid=confirm-send]");
        var url = sent.Headers.Location!.OriginalString;
        var id = Guid.Parse(url.Split('/')[^1]);

        var own = await maria.GetDocumentAsync(url);
        Assert.Equal("Awaiting approval", own.Text("[data-testid=phase]"));
        Assert.NotNull(own.QuerySelector("[data-testid=own-request]"));
        Assert.Null(own.QuerySelector("[data-testid=approve]"));
        Assert.Contains("Starts when approved", own.Text("[data-testid=revoke-by]"));
        var selfApproval = await maria.SubmitFormAsync($"/Revocations/Approve/{id}", [], "form[data-testid=approve-form]");
        Assert.Contains("Another certificate administrator must approve this request", (await selfApproval.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(0, (await app.RevocationSender().ProcessBatchAsync()).Claimed);
        await using (var db = app.Db())
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.RegistryNumber == application.RegistryNumber && m.Template == MailTemplate.RevocationRequested));
        var list = await maria.GetDocumentAsync("/Revocations?state=AwaitingApproval");
        Assert.Contains(list.QuerySelectorAll("[data-testid=revocation]"), row => row.GetAttribute("data-id") == id.ToString());

        app.Clock.Advance(TimeSpan.FromHours(30)); // the wait counts toward nothing
        var nikos = await app.SignInAsync("admin2@test.example");
        var approveUrl = (await nikos.GetDocumentAsync(url)).QuerySelector("[data-testid=approve]")!.GetAttribute("href")!;
        Assert.Contains("it is sent to the certificate authority now", (await nikos.GetDocumentAsync(approveUrl)).Text("form[data-testid=approve-form]"));
        var done = await nikos.SubmitFormAsync(approveUrl, [], "form[data-testid=approve-form]");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var request = await app.ReloadRequestAsync(id);
        Assert.Equal((RevocationState.Pending, "Nikos Alexiou", app.Clock.GetUtcNow(), app.Clock.GetUtcNow().AddHours(24)),
            (request.State, request.ApprovedByName!, request.SendAt!.Value, request.RevokeBy!.Value));
        Assert.False(request.IsOverdueAt(app.Clock.GetUtcNow()));
        Assert.Equal(1, (await app.RevocationSender().ProcessBatchAsync()).Revoked);
        Assert.Equal(CertificateStatus.Revoked, (await app.ReloadCertificateAsync(certificate.Id)).Status);
        Assert.Contains($"Revocation request for certificate {certificate.Number} approved by Nikos Alexiou",
            (await nikos.GetDocumentAsync($"/Applications/{application.Id}")).Text("[data-testid=history]"));
    }

    [Theory]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task OtherRoles_CannotApprove(string role)
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "NotYours");
        var id = (await app.RequestRevocationAsync(certificate, await app.StaffAsync("admin@test.example"))).RequestId!.Value;
        var form = (await (await app.SignInAsync("admin2@test.example")).GetDocumentAsync($"/Revocations/Approve/{id}"))
            .QuerySelector<IHtmlFormElement>("form[data-testid=approve-form]")!;
        var other = await app.SignInAsRoleAsync(role);
        var token = (await other.GetDocumentAsync("/")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Revocations/Approve/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.SubmitAsync(form, new() { ["__RequestVerificationToken"] = token })).StatusCode);
        Assert.Equal(RevocationState.AwaitingApproval, (await app.ReloadRequestAsync(id)).State);
    }

    [Fact]
    public async Task AScheduledRequest_UnderTheRule_ShowsItsDeadlineFromTheSendTime_InOfficeTime()
    {
        var (_, certificate) = await app.IssuedCertificateAsync(lastName: "Scheduled");
        var maria = await app.SignInAsRoleAsync(Roles.Administrator);
        var helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        var sendAt = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow().AddDays(2), helsinki);
        sendAt = sendAt.AddSeconds(-sendAt.Second).AddMilliseconds(-sendAt.Millisecond).AddMicroseconds(-sendAt.Microsecond);

        var review = await maria.SubmitFormAsync($"/Revocations/New?serial={certificate.SerialNumber}", new()
        {
            ["Reason"] = nameof(RevocationReason.KeyCompromise), ["TypedSerial"] = certificate.SerialNumber, ["SendAt"] = sendAt.ToString("yyyy-MM-dd'T'HH:mm"),
        }, "form[data-testid=revocation-form]");

        var text = (await review.ParseAsync()).Text("[data-testid=confirm-limit]");
        Assert.Contains($"It is sent on {sendAt:dd/MM/yyyy HH:mm}", text);
        Assert.Contains($"will be revoked by {TimeZoneInfo.ConvertTime(sendAt + RevocationRequest.Limit, helsinki):dd/MM/yyyy HH:mm}.", text);
    }
}
