using System.Net;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Admin;

/// <summary>
/// The office's own texts in the reader's language (issue 10, item 4): certificate-type names, step names and
/// instructions, and standard notes are kept in English, Swedish and Finnish, edited by the System administrator,
/// read in English where a translation is missing (and the admin pages say so).
/// </summary>
public class TranslationsTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task TypeName_EditedInThreeLanguages_IsWhatEachReaderReads_AndAMissingOneReadsEnglish()
    {
        var typeId = await TypeIdAsync(ReferenceData.CitizenCertificate);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var saved = await admin.SubmitFormAsync($"/Admin/CertificateTypes/{typeId}",
            new() { ["Names.Name"] = "Citizen e-ID", ["Names.NameSv"] = "", ["Names.NameFi"] = "Kansalaisen e-tunniste" }, "form[data-testid=rename-form]");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetDocumentAsync($"/Admin/CertificateTypes/{typeId}");
        Assert.Equal("Citizen e-ID", page.Text("main h1"));
        Assert.NotNull(page.QuerySelector("[data-testid=missing-translations]"));
        Assert.Equal(["sv"], page.QuerySelectorAll("section[aria-labelledby=type-name-heading] [data-missing]").Select(t => t.GetAttribute("data-missing")!).ToList());
        Assert.NotNull((await admin.GetDocumentAsync("/Admin/CertificateTypes")).QuerySelector("[data-testid=lacks-translations]"));

        var reader = await app.SignInAsRoleAsync(Roles.Administrator);
        var person = (await app.ApplicationAsync(ReferenceData.CitizenCertificate, ApplicationStage.Submitted)).PersonId;
        Assert.Contains("Citizen e-ID", (await reader.GetDocumentAsync($"/Applications/Register?personId={person}")).Text("main form"));
        await reader.SubmitFormAsync("/", new() { ["language"] = "fi", ["returnUrl"] = "/" }, "form[action='/Language']");
        Assert.Contains("Kansalaisen e-tunniste", (await reader.GetDocumentAsync($"/Applications/Register?personId={person}")).Text("main form"));
        await reader.SubmitFormAsync("/", new() { ["language"] = "sv", ["returnUrl"] = "/" }, "form[action='/Language']");
        Assert.Contains("Citizen e-ID", (await reader.GetDocumentAsync($"/Applications/Register?personId={person}")).Text("main form"));

        await using var db = app.Db();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "certificate-type.renamed" && e.EntityId == typeId.ToString()));
    }

    [Fact]
    public async Task TypeName_WithoutEnglish_IsRefusedWithAMessage_AndKeepsWhatWasTyped()
    {
        var typeId = await TypeIdAsync(ReferenceData.ServiceCertificate);
        var admin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var response = await admin.SubmitFormAsync($"/Admin/CertificateTypes/{typeId}",
            new() { ["Names.Name"] = " ", ["Names.NameSv"] = "Nytt namn", ["Names.NameFi"] = "" }, "form[data-testid=rename-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("needs its English name", page.Text("[data-testid=errors]"));
        Assert.Equal("Nytt namn", page.QuerySelector("#type-name-sv")!.GetAttribute("value"));
        await using var db = app.Db();
        Assert.Equal("Service certificate", (await db.CertificateTypes.SingleAsync(t => t.Id == typeId)).Name);
    }

    [Fact]
    public async Task StepName_ReadsInTheReadersLanguage_OnTheApplicationPage()
    {
        var application = await app.ApplicationByStaffAsync(ReferenceData.ExternalFgasCertificate, ApplicationStage.AwaitingDocuments);
        var reader = await app.SignInAsRoleAsync(Roles.Administrator);
        await reader.SubmitFormAsync("/", new() { ["language"] = "sv", ["returnUrl"] = "/" }, "form[action='/Language']");

        var page = await reader.GetDocumentAsync($"/Applications/{application.Id}");

        Assert.Equal("Kopia av giltigt externt certifikat", page.Text("[data-testid=steps] tbody td"));
        Assert.Equal("Externt certifikat — F-gas kategori V", page.Text("main h1"));
    }

    [Fact]
    public async Task StandardNote_RecordedWithAnEvent_ReadsInEachReadersLanguage_AndARetiredOneIsNotOffered()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        Guid noteId;
        await using (var db = app.Db())
            noteId = await db.StandardNotes.Where(n => n.Text == "Approved by the employer").Select(n => n.Id).SingleAsync();
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);
        var form = $"/Applications/RecordEvent/{application.Id}/RecordApproval";
        Assert.NotNull((await admin.GetDocumentAsync(form)).QuerySelector($"input[name='Input.StandardNoteId'][value='{noteId}']"));

        var recorded = await admin.SubmitFormAsync(form, new() { ["Input.StandardNoteId"] = noteId.ToString(), ["Input.Note"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("Approved by the employer", (await admin.GetDocumentAsync($"/Applications/{application.Id}")).Text("[data-testid=history]"));
        await admin.SubmitFormAsync("/", new() { ["language"] = "fi", ["returnUrl"] = "/" }, "form[action='/Language']");
        var finnish = await admin.GetDocumentAsync($"/Applications/{application.Id}");
        Assert.Contains("Työnantaja on hyväksynyt", finnish.Text("[data-testid=history]"));
        Assert.Contains("Työnantaja on hyväksynyt", finnish.Text("[data-testid=event-log]"));

        var sysadmin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);
        var retired = await sysadmin.SubmitFormAsync("/Admin/CertificateTypes/Notes", [], $"section[data-note='{noteId}'] form", "button[formaction*=Retire]");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        var another = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        Assert.Null((await admin.GetDocumentAsync($"/Applications/RecordEvent/{another.Id}/RecordApproval")).QuerySelector($"input[value='{noteId}']"));
        // Old history still reads the retired note.
        Assert.Contains("Työnantaja on hyväksynyt", (await admin.GetDocumentAsync($"/Applications/{application.Id}")).Text("[data-testid=history]"));
    }

    [Fact]
    public async Task StandardNote_ForAnotherAction_IsRefused_AndNothingIsRecorded()
    {
        var application = await app.ApplicationAsync(ReferenceData.PublicServantCertificate, ApplicationStage.AwaitingApproval);
        Guid verification;
        await using (var db = app.Db())
            verification = await db.StandardNotes.Where(n => n.Action == IssuanceAction.RecordDataVerification).Select(n => n.Id).FirstAsync();
        var admin = await app.SignInAsRoleAsync(Roles.Administrator);

        var response = await admin.SubmitFormAsync($"/Applications/RecordEvent/{application.Id}/RecordApproval",
            new() { ["Input.StandardNoteId"] = verification.ToString(), ["Input.Note"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose one of the standard notes offered for this action", (await response.ParseAsync()).Text("[data-testid=errors]"));
        Assert.Equal(ApplicationStage.AwaitingApproval, (await app.ReloadAsync(application.Id)).Stage);
    }

    [Fact]
    public async Task StandardNotes_AddedInThreeLanguages_AndWithoutEnglishRefused()
    {
        var sysadmin = await app.SignInAsRoleAsync(Roles.SystemAdministrator);

        var refused = await sysadmin.SubmitFormAsync("/Admin/CertificateTypes/Notes",
            new() { ["Input.Action"] = "RecordSignature", ["Input.Text"] = "", ["Input.TextSv"] = "Undertecknad på papper", ["Input.TextFi"] = "" }, "form[data-testid=add-note-form]");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("needs its English text", (await refused.ParseAsync()).Text("[data-testid=errors]"));

        var added = await sysadmin.SubmitFormAsync("/Admin/CertificateTypes/Notes",
            new() { ["Input.Action"] = "RecordSignature", ["Input.Text"] = "Signed on paper", ["Input.TextSv"] = "Undertecknad på papper", ["Input.TextFi"] = "Allekirjoitettu paperilla" },
            "form[data-testid=add-note-form]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await using var db = app.Db();
        var note = await db.StandardNotes.SingleAsync(n => n.Text == "Signed on paper");
        Assert.Equal((IssuanceAction.RecordSignature, "Undertecknad på papper", "Allekirjoitettu paperilla"), (note.Action, note.TextSv, note.TextFi));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "standard-note.added" && e.EntityId == note.Id.ToString()));
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Auditor)]
    public async Task CaseRoles_MayNotEditTheTexts(string role)
    {
        var client = await app.SignInAsRoleAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Admin/CertificateTypes/Notes")).StatusCode);
    }

    private async Task<Guid> TypeIdAsync(string code)
    {
        await using var db = app.Db();
        return await db.CertificateTypes.Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
    }
}

/// <summary>What a new database holds (its own class: the tests above change these texts).</summary>
public class SeededTranslationsTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    [Fact]
    public async Task EverySeededTypeStepAndNote_HasItsTextsInThreeLanguages()
    {
        await using var db = app.Db();
        var types = await db.CertificateTypes.Include(t => t.StepTemplates).ToListAsync();
        Assert.Equal(4, types.Count);
        Assert.All(types, t => Assert.Empty(t.Names.Missing));
        var steps = types.SelectMany(t => t.StepTemplates).ToList();
        Assert.Equal(3, steps.Count);
        Assert.All(steps, s => Assert.Empty(s.Names.Missing.Concat(s.InstructionTexts.Missing)));
        var notes = await db.StandardNotes.ToListAsync();
        Assert.NotEmpty(notes);
        Assert.All(notes, n => Assert.Empty(n.Texts.Missing));
        Assert.All(types, t => Assert.False(t.LacksTranslations));
    }
}
