using System.Globalization;
using BackOffice.Data;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Audit;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>Settings of reports and exports (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    /// <summary>The longest date range a report or the audit trail takes, in days (and the range when none is given).</summary>
    public int MaxRangeDays { get; set; } = 3660;
}

/// <summary>The filters as a form sends them (GET or POST): text, as typed or chosen; <see cref="ReportFilters"/> checks and resolves them.</summary>
public sealed class ReportFilterInput
{
    public string? From { get; set; }
    public string? To { get; set; }
    public Guid? Person { get; set; }
    public string? Application { get; set; }
    public Guid? Organisation { get; set; }
    public string? Type { get; set; }
    public string? Stage { get; set; }
    public Guid? Actor { get; set; }
    public string? Action { get; set; }
    public string? Certificate { get; set; }

    /// <summary>The same filters as route values (for links: a page, the export of what the page shows).</summary>
    public Dictionary<string, string?> RouteValues() => new()
    {
        ["from"] = From, ["to"] = To, ["person"] = Person?.ToString(), ["application"] = Application, ["organisation"] = Organisation?.ToString(),
        ["type"] = Type, ["stage"] = Stage, ["actor"] = Actor?.ToString(), ["action"] = Action, ["certificate"] = Certificate,
    };
}

/// <summary>One refused filter: the form field and the message's resource key with its values.</summary>
public sealed record FilterError(string Field, string MessageKey, params object[] Args);

/// <summary>
/// Checks a report's filters and resolves what they name: an impossible date, a range the wrong way round or over the limit,
/// and a filter naming nothing (no such person, application, organisation, type, stage, staff member, action or certificate)
/// each give a message for its field; nothing is run until every filter is right.
/// </summary>
public sealed class ReportFilters(BackOfficeDbContext db, OfficeTime time, TimeProvider clock, IOptions<ReportOptions> options)
{
    public int MaxRangeDays => options.Value.MaxRangeDays;

    public async Task<(ReportFilter? Filter, IReadOnlyList<FilterError> Errors)> ResolveAsync(ReportFilterInput input, CancellationToken ct = default)
    {
        var errors = new List<FilterError>();
        var today = time.Today(clock);
        var to = ParseDate(input.To, "to", errors) ?? today;
        var from = ParseDate(input.From, "from", errors) ?? to.AddDays(-MaxRangeDays);
        if (errors.Count == 0 && from > to) errors.Add(new("from", "Report.Error.DateOrder"));
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber > MaxRangeDays) errors.Add(new("from", "Report.Error.RangeTooLong", MaxRangeDays.ToString("N0", CultureInfo.CurrentCulture)));

        var filter = new ReportFilter { From = from, To = to };
        if (input.Person is { } personId)
        {
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.FirstNames, p.LastName }).FirstOrDefaultAsync(ct);
            if (person is null) errors.Add(new("person", "Report.Error.UnknownPerson"));
            else filter = filter with { PersonId = personId, PersonName = $"{person.FirstNames} {person.LastName}" };
        }
        if (!string.IsNullOrWhiteSpace(input.Application))
        {
            var number = RegistryNumber.Find(input.Application.Trim());
            var application = number is null ? null
                : await db.Applications.AsNoTracking().Where(a => a.RegistryNumber == number).Select(a => new { a.Id, a.RegistryNumber }).FirstOrDefaultAsync(ct);
            if (application is null) errors.Add(new("application", "Report.Error.UnknownApplication", input.Application.Trim()));
            else filter = filter with { ApplicationId = application.Id, RegistryNumber = application.RegistryNumber };
        }
        if (input.Organisation is { } organisationId)
        {
            var name = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
            if (name is null) errors.Add(new("organisation", "Report.Error.UnknownOrganisation"));
            else filter = filter with { OrganisationId = organisationId, OrganisationName = name };
        }
        if (!string.IsNullOrWhiteSpace(input.Type))
        {
            if (!await db.CertificateTypes.AnyAsync(t => t.Code == input.Type, ct)) errors.Add(new("type", "Report.Error.UnknownType"));
            else filter = filter with { TypeCode = input.Type };
        }
        if (!string.IsNullOrWhiteSpace(input.Stage))
        {
            if (!Enum.GetNames<ApplicationStage>().Contains(input.Stage)) errors.Add(new("stage", "Report.Error.UnknownStage"));
            else filter = filter with { Stage = Enum.Parse<ApplicationStage>(input.Stage) };
        }
        if (input.Actor is { } actorId)
        {
            var name = await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
            if (name is null) errors.Add(new("actor", "Report.Error.UnknownActor"));
            else filter = filter with { ActorId = actorId, ActorName = name };
        }
        if (!string.IsNullOrWhiteSpace(input.Action))
        {
            if (!AuditActions.All.Contains(input.Action)) errors.Add(new("action", "Report.Error.UnknownAction"));
            else filter = filter with { Action = input.Action };
        }
        if (!string.IsNullOrWhiteSpace(input.Certificate))
        {
            var number = input.Certificate.Trim();
            var certificate = await db.Certificates.AsNoTracking()
                .Where(c => c.Number == number || c.SerialNumber == number.ToUpperInvariant())
                .Select(c => new { c.Id, c.Number, c.ApplicationId }).FirstOrDefaultAsync(ct);
            if (certificate is null) errors.Add(new("certificate", "Report.Error.UnknownCertificate", number));
            else filter = filter with { CertificateId = certificate.Id, CertificateNumber = certificate.Number, CertificateApplicationId = certificate.ApplicationId };
        }
        return errors.Count == 0 ? (filter, errors) : (null, errors);
    }

    private static DateOnly? ParseDate(string? text, string field, List<FilterError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        // A date field sends yyyy-mm-dd; a person typing into a plain text box may write it as their language does.
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
            || DateOnly.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.None, out iso))
            if (iso.Year is >= 1900 and <= 9000) return iso; // the calendar's ends would overflow the range's arithmetic
        errors.Add(new(field, "Report.Error.DateInvalid", text));
        return null;
    }
}
