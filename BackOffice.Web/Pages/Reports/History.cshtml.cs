using BackOffice.Data;
using BackOffice.Data.Domain.Exports;
using BackOffice.Web.Infrastructure.Exports;
using BackOffice.Web.Infrastructure.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Pages.Reports;

/// <summary>The application history export: every history line and decision, filtered by person, application, organisation, type, stage, dates.</summary>
public class HistoryModel(ReportFilters filters, RowExports exports, BackOfficeDbContext db, CurrentStaff staff, TimeProvider clock,
    IOptions<ExportOptions> options, IStringLocalizer<SharedResource> l) : RowExportPageModel(filters, exports, db, staff, clock, options, l)
{
    public override ExportReport Report => ExportReport.History;
}
