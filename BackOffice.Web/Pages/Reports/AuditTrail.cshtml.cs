using BackOffice.Data;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Reports;

/// <summary>The audit trail export: filtered by staff member, action, subject (person, application, certificate) and dates.</summary>
public class AuditTrailModel(ReportFilters filters, RowExports exports, BackOfficeDbContext db, CurrentStaff staff, TimeProvider clock,
    IOptions<ExportOptions> options, IStringLocalizer<SharedResource> l) : RowExportPageModel(filters, exports, db, staff, clock, options, l)
{
    public override ExportReport Report => ExportReport.AuditTrail;
}
