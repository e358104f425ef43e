using BackOffice.Data;
using BackOffice.Data.Domain.Audit;
using BackOffice.Data.Domain.Revocations;
using BackOffice.Web.Infrastructure.Audit;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using BackOffice.Web.Infrastructure.SecureMessages;

namespace BackOffice.Web.Pages.Reports;

/// <summary>
/// Subject access (GDPR Art. 15): everything the office holds about one person, one sheet per kind — details, employments,
/// applications, steps and their files, history, decisions, certificates, revocation requests, mail sent to them, the secure
/// messages they wrote (linked to them or sent from their address) with the office's answers, and every time staff viewed or copied
/// their data.
/// </summary>
public sealed class SubjectAccess(BackOfficeDbContext db, OfficeTime time, IStringLocalizer<SharedResource> l, IOptions<SecureMessageOptions> messageOptions)
{
    public const string Code = "subject-access";

    public async Task<(string Name, IReadOnlyList<ExportTable> Tables)?> TablesAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return null;
        string YesNo(bool b) => b ? l["Person.Yes"] : l["Person.No"];
        ExportColumn C(string key, double width = 22, CellKind kind = CellKind.Text) => new(l[key], kind, width);
        ExportColumn T(string key) => new(l[key], CellKind.DateTime, 20);

        var details = new ExportTable(l["SubjectAccess.Sheet.Person"], [C("SubjectAccess.Column.Field", 30), C("SubjectAccess.Column.Value", 50)],
        [
            [l["SubjectAccess.Name"].Value, person.FullName],
            [l["Person.DateOfBirth"].Value, person.DateOfBirth],
            [l["Person.NationalIdentityNumber"].Value, person.NationalIdentityNumber],
            [l["Person.Citizenship"].Value, person.Citizenship],
            [l["Person.HomeMunicipality"].Value, person.HomeMunicipality],
            [l["Person.ResidencePermit"].Value, person.ResidencePermitValidUntil],
            [l["Person.RightOfResidence"].Value, YesNo(person.HasRegisteredRightOfResidence)],
            [l["Person.Email"].Value, person.Email],
            [l["Person.Phone"].Value, person.Phone],
            [l["Person.PreferredLanguage"].Value, person.PreferredLanguage],
        ]);

        var employments = await db.Employments.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.StartDate)
            .Select(e => new { e.Organisation.Name, e.Organisation.OrganisationNumber, e.StartDate, e.EndDate, e.RequestedAt, e.ConfirmedAt }).ToListAsync(ct);
        var applications = await db.Applications.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.CreatedAt)
            .Select(a => new { a.Id, a.RegistryNumber, a.CertificateType.Code, Organisation = a.Organisation == null ? null : a.Organisation.Name, a.Stage, a.CreatedAt,
                a.CreatedByName, a.LastModifiedAt, a.LastModifiedByName, a.AttestedAt, Invoice = a.InvoiceRecipient == null ? null : (object)a.InvoiceRecipient.Kind,
                InvoiceCity = a.InvoiceRecipient == null ? null : a.InvoiceRecipient.City, a.ArchivedAt })
            .ToListAsync(ct);
        var numbers = applications.ToDictionary(a => a.Id, a => a.RegistryNumber);
        var ids = numbers.Keys.ToList();
        var steps = await (from s in db.Steps.AsNoTracking().Where(s => ids.Contains(s.ApplicationId))
                           from f in db.StepFiles.Where(f => f.StepId == s.Id).DefaultIfEmpty()
                           orderby s.ApplicationId, s.Order, f.VersionNumber
                           select new { s.ApplicationId, s.StepTemplateId, s.Name, s.Status, s.ReviewedByName, s.ReviewedAt, s.ReviewReason,
                               File = (string?)f.FileName, Version = (int?)f.VersionNumber, Size = (long?)f.SizeBytes, UploadedAt = (DateTimeOffset?)f.UploadedAt, UploadedBy = (string?)f.UploadedByName })
            .ToListAsync(ct);
        var history = await db.HistoryEntries.AsNoTracking().Where(h => ids.Contains(h.ApplicationId)).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync(ct);
        var decisions = await db.Decisions.AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).OrderBy(d => d.DecidedAt).ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.IssuedAt)
            .Join(db.CertificateTypes, c => c.CertificateTypeId, t => t.Id, (c, t) => new { c.Id, c.Number, c.SerialNumber, t.Code, c.Status, c.IssuedAt, c.ValidUntil, c.RevokedAt })
            .ToListAsync(ct);
        var certificateIds = certificates.Select(c => c.Id).ToList();
        var revocations = await db.RevocationRequests.AsNoTracking().Where(r => certificateIds.Contains(r.CertificateId)).OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        var registryNumbers = numbers.Values.ToList();
        var mail = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == person.Email || (m.RegistryNumber != null && registryNumbers.Contains(m.RegistryNumber)))
            .OrderBy(m => m.CreatedAt).Select(m => new { m.CreatedAt, m.ToAddress, m.Template, m.RegistryNumber, m.Status, m.SentAt }).ToListAsync(ct);
        // Secure messages (issue 15): those linked to the person and those sent from their address, with attachments and answers.
        var email = person.Email?.ToLowerInvariant();
        var messages = await db.SecureMessages.AsNoTracking().Include(m => m.Attachments).Include(m => m.Replies)
            .Where(m => m.PersonId == personId || (email != null && m.SenderEmail.ToLower() == email))
            .OrderBy(m => m.SentAt).ThenBy(m => m.Reference).AsSplitQuery().ToListAsync(ct);
        var messageApplications = messages.Where(m => m.ApplicationId is { } a && !numbers.ContainsKey(a)).Select(m => m.ApplicationId!.Value).Distinct().ToList();
        var otherNumbers = await db.Applications.AsNoTracking().Where(a => messageApplications.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.RegistryNumber, ct);
        string? RegistryNumberOf(Guid? id) => id is { } a ? numbers.GetValueOrDefault(a) ?? otherNumbers.GetValueOrDefault(a) : null;
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var views = AuditActions.Views.ToArray();
        var viewed = await db.AuditEvents.AsNoTracking().Where(e => e.PersonId == personId && views.Contains(e.Action)).OrderBy(e => e.Position)
            .Select(e => new AuditLine(e.Position, e.OccurredAt, e.ActorName, e.Action, e.Details,
                db.Applications.Where(a => a.Id == e.ApplicationId).Select(a => a.RegistryNumber).FirstOrDefault()))
            .ToListAsync(ct);

        string Number(Guid applicationId) => numbers.GetValueOrDefault(applicationId, "");
        IReadOnlyList<object?> Row(params object?[] values) => values;
        return (person.FullName,
        [
            details,
            new(l["SubjectAccess.Sheet.Employments"],
                [C("Person.Employment.Organisation", 34), C("Person.Employment.OrganisationNumber", 16), C("Person.Employment.Start", 12, CellKind.Date),
                 C("SubjectAccess.Column.End", 12, CellKind.Date), T("Person.Employment.Requested"), T("Person.Employment.Confirmed")],
                employments.Select(e => Row(e.Name, e.OrganisationNumber, e.StartDate, e.EndDate, e.RequestedAt, e.ConfirmedAt)).ToList()),
            new(l["SubjectAccess.Sheet.Applications"],
                [C("Report.Column.Application", 16), C("Report.Column.Type", 34), C("Report.Column.Organisation", 30), C("Report.Column.Stage", 28),
                 T("Person.Application.Created"), C("Step.CreatedBy"), T("Step.LastModified"), C("Step.LastModifiedBy"), T("Application.AttestedAt"),
                 C("Application.InvoiceRecipient", 30), T("SubjectAccess.Column.Archived")],
                applications.Select(a => Row(a.RegistryNumber, l.CertificateType(a.Code), a.Organisation, l.Stage(a.Stage), a.CreatedAt, a.CreatedByName,
                    a.LastModifiedAt, a.LastModifiedByName, a.AttestedAt, a.Invoice is null ? null : $"{l["InvoiceKind." + a.Invoice]}, {a.InvoiceCity}", a.ArchivedAt)).ToList()),
            new(l["SubjectAccess.Sheet.Steps"],
                [C("Report.Column.Application", 16), C("Step.Name", 34), C("Step.Status", 18), C("SubjectAccess.Column.ReviewedBy"), T("SubjectAccess.Column.ReviewedAt"),
                 C("SubjectAccess.Column.Reason", 40), C("SubjectAccess.Column.File", 30), C("SubjectAccess.Column.Version", 8, CellKind.Number),
                 C("SubjectAccess.Column.Bytes", 12, CellKind.Number), T("SubjectAccess.Column.UploadedAt"), C("SubjectAccess.Column.UploadedBy")],
                steps.Select(s => Row(Number(s.ApplicationId), l.StepName(s.StepTemplateId, s.Name), l.StepStatus(s.Status), s.ReviewedByName, s.ReviewedAt, s.ReviewReason, s.File, s.Version, s.Size,
                    s.UploadedAt, s.UploadedBy)).ToList()),
            new(l["SubjectAccess.Sheet.History"], [T("Report.Column.Time"), C("Report.Column.Application", 16), C("Report.Column.What", 60), C("Report.Column.By"), C("Report.Column.Detail", 40)],
                history.Select(h => Row(h.At, Number(h.ApplicationId), l.History(h), l.ActorName(h.ActorId, h.ActorName), l.HistoryNote(h))).ToList()),
            new(l["SubjectAccess.Sheet.Decisions"],
                [C("Report.Column.Application", 16), C("SubjectAccess.Column.Decision"), C("SubjectAccess.Column.Reason", 40), C("Report.Column.By"), T("Report.Column.Time"), T("Report.Column.Acknowledged")],
                decisions.Select(d => Row(Number(d.ApplicationId), l["DecisionKind." + d.Kind].Value, d.Reason, d.DecidedByName, d.DecidedAt, d.AcknowledgedAt)).ToList()),
            new(l["SubjectAccess.Sheet.Certificates"],
                [C("Person.Certificate.Number", 18), C("Person.Certificate.Serial", 34), C("Person.Certificate.Type", 34), C("Person.Certificate.Status", 20),
                 T("Person.Certificate.IssuedAt"), T("Person.Certificate.ValidUntil"), T("SubjectAccess.Column.RevokedAt")],
                certificates.Select(c => Row(c.Number, c.SerialNumber, l.CertificateType(c.Code), l.CertificateStatus(c.Status), c.IssuedAt, c.ValidUntil, c.RevokedAt)).ToList()),
            new(l["SubjectAccess.Sheet.Revocations"],
                [C("Person.Certificate.Number", 18), C("SubjectAccess.Column.Reason", 30), C("SubjectAccess.Column.RequestedBy"), T("SubjectAccess.Column.SubmittedAt"),
                 T("SubjectAccess.Column.ScheduledAt"), T("SubjectAccess.Column.SentAt"), T("SubjectAccess.Column.RevokedAt")],
                revocations.Select(r => Row(certificates.First(c => c.Id == r.CertificateId).Number, Reason(r.Reason), r.RequestedByName, r.SubmittedAt, r.ScheduledSendAt, r.SentAt, r.RevokedAt)).ToList()),
            new(l["SubjectAccess.Sheet.Mail"],
                [T("SubjectAccess.Column.CreatedAt"), C("SubjectAccess.Column.To", 30), C("SubjectAccess.Column.Kind", 30), C("Report.Column.Application", 16),
                 C("SubjectAccess.Column.MailStatus", 14), T("SubjectAccess.Column.SentAt")],
                mail.Select(m => Row(m.CreatedAt, m.ToAddress, l["Outbox.Template." + m.Template].Value, m.RegistryNumber, l["Outbox.Status." + m.Status].Value, m.SentAt)).ToList()),
            new(l["SubjectAccess.Sheet.Messages"],
                [T("SubjectAccess.Column.ReceivedAt"), C("SubjectAccess.Column.Reference", 16), C("SubjectAccess.Column.From", 30), C("SubjectAccess.Column.Recipient", 26),
                 C("SubjectAccess.Column.Subject", 40), C("SubjectAccess.Column.Text", 60), C("Report.Column.Application", 16), C("SubjectAccess.Column.Attachments", 30),
                 C("SubjectAccess.Column.Replies", 60), T("SubjectAccess.Column.HandledAt")],
                messages.Select(m => Row(m.SentAt, m.Reference, m.SenderEmail, messageOptions.Value.Recipient(m.RecipientCode, language)?.Name ?? m.RecipientCode,
                    m.Subject, m.Body, RegistryNumberOf(m.ApplicationId), string.Join(", ", m.Attachments.OrderBy(a => a.Order).Select(a => a.FileName)),
                    string.Join("\n\n", m.Replies.OrderBy(r => r.WrittenAt).Select(r => $"{time.At(r.WrittenAt)} {r.WrittenByName}: {r.Body}")), m.HandledAt)).ToList()),
            new(l["SubjectAccess.Sheet.Views"], [T("Report.Column.Time"), C("Report.Column.Staff"), C("Report.Column.Event", 90)],
                viewed.Select(v => Row(v.At, v.ActorName, l.Sentence(v, time))).ToList()),
        ]);
    }

    private string Reason(RevocationReason reason) => l["RevocationReason." + reason] is { ResourceNotFound: false } text ? text.Value : reason.ToString();
}
