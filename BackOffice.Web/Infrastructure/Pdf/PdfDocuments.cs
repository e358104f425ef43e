using System.Globalization;
using BackOffice.Data.Domain.Applications;
using BackOffice.Data.Domain.Certificates;
using BackOffice.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace BackOffice.Web.Infrastructure.Pdf;

public sealed class PdfOptions
{
    /// <summary>Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf.</summary>
    public string FontFolder { get; set; } = "/usr/share/fonts/truetype/dejavu";
}

/// <summary>The decision and the application as PDF (seed 000's "download the decision / the application").</summary>
public sealed class PdfDocuments
{
    private static readonly Lock FontGate = new();
    private const double Margin = 56;

    private readonly OfficeTime Time;

    /// <remarks>PDFsharp 6.2.4 is MIT-licensed (6.5 is AGPL-only or commercial and is not used).</remarks>
    public PdfDocuments(IOptions<PdfOptions> options, OfficeTime time)
    {
        Time = time;
        // The font resolver is process-wide and can be set only once.
        lock (FontGate)
            GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(options.Value.FontFolder);
    }

    public byte[] Decision(Application application, Decision decision, Certificate? certificate, IStringLocalizer l)
    {
        var pdf = new Writer(l["Pdf.DecisionTitle"]);
        pdf.Heading(l["Pdf.DecisionTitle"]);
        pdf.Field(l["Pdf.RegistryNumber"], application.RegistryNumber);
        pdf.Field(l["Pdf.Applicant"], application.Person.FullName);
        pdf.Field(l["Pdf.DateOfBirth"], application.Person.DateOfBirth.ToString("d", CultureInfo.CurrentCulture));
        pdf.Field(l["Pdf.CertificateType"], l.CertificateType(application.CertificateType.Code));
        pdf.Field(l["Pdf.Decision"], l["Decision." + decision.Kind]);
        pdf.Field(l["Pdf.DecidedBy"], decision.DecidedByName);
        pdf.Field(l["Pdf.DecidedAt"], Time.At(decision.DecidedAt));
        if (decision.Reason is { } reason) pdf.Field(l["Pdf.Reason"], reason);
        if (certificate is not null)
        {
            pdf.Field(l["Pdf.CertificateNumber"], certificate.Number);
            pdf.Field(l["Pdf.SerialNumber"], certificate.SerialNumber);
            pdf.Field(l["Pdf.IssuedAt"], Time.Date(certificate.IssuedAt));
            pdf.Field(l["Pdf.ValidUntil"], Time.Date(certificate.ValidUntil));
        }
        return pdf.Save();
    }

    public byte[] ApplicationSummary(Application application, IStringLocalizer l)
    {
        var pdf = new Writer(l["Pdf.ApplicationTitle"]);
        var person = application.Person;
        pdf.Heading(l["Pdf.ApplicationTitle"]);
        pdf.Field(l["Pdf.RegistryNumber"], application.RegistryNumber);
        pdf.Field(l["Pdf.CertificateType"], l.CertificateType(application.CertificateType.Code));
        pdf.Field(l["Pdf.Stage"], l.Stage(application.Stage));
        pdf.Field(l["Pdf.Registered"], $"{Time.At(application.CreatedAt)} ({application.CreatedByName})");
        pdf.Field(l["Pdf.Applicant"], person.FullName);
        pdf.Field(l["Pdf.DateOfBirth"], person.DateOfBirth.ToString("d", CultureInfo.CurrentCulture));
        pdf.Field(l["Pdf.Citizenship"], person.Citizenship);
        if (person.HomeMunicipality is { } home) pdf.Field(l["Pdf.HomeMunicipality"], home);
        pdf.Field(l["Pdf.Email"], person.Email);
        if (application.Organisation is { } org) pdf.Field(l["Pdf.Organisation"], org.Name);
        if (application.AttestedAt is { } attested) pdf.Field(l["Pdf.Attested"], Time.At(attested));
        if (application.InvoiceRecipient is { } invoice)
            pdf.Field(l["Pdf.InvoiceRecipient"], string.Join(", ", new[] { l["InvoiceRecipient." + invoice.Kind].Value, invoice.AddressLine1, invoice.AddressLine2, invoice.Postcode, invoice.City, invoice.Country, invoice.Reference }.Where(s => !string.IsNullOrWhiteSpace(s))));
        if (application.Steps.Count > 0)
        {
            pdf.Heading(l["Pdf.Steps"]);
            foreach (var step in application.Steps.OrderBy(s => s.Order))
            {
                var file = step.LatestFile;
                pdf.Field(l.StepName(step.StepTemplateId, step.Name), file is null ? l.StepStatus(step.Status) : $"{l.StepStatus(step.Status)} — {file.FileName} (v{file.VersionNumber}, SHA-256 {file.Sha256})");
            }
        }
        pdf.Heading(l["Pdf.History"]);
        foreach (var entry in application.History.OrderBy(h => h.At))
            pdf.Field(Time.At(entry.At), l.HistoryNote(entry) is { } note ? $"{l.History(entry)} — {note}" : l.History(entry));
        return pdf.Save();
    }

    /// <summary>A document of a heading and label/value lines, in DejaVu Sans embedded (every Latin, Greek and Cyrillic letter shows).</summary>
    public byte[] Fields(string title, IEnumerable<(string Label, string Value)> fields)
    {
        var pdf = new Writer(title);
        pdf.Heading(title);
        foreach (var (label, value) in fields) pdf.Field(label, value);
        return pdf.Save();
    }

    /// <summary>Writes label/value lines down A4 pages, wrapping long values and starting a new page when full.</summary>
    private sealed class Writer
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly XFont _title = new(DejaVuFontResolver.Family, 16, XFontStyleEx.Bold, Unicode);
        private readonly XFont _label = new(DejaVuFontResolver.Family, 9, XFontStyleEx.Bold, Unicode);
        private readonly XFont _text = new(DejaVuFontResolver.Family, 10, XFontStyleEx.Regular, Unicode);
        private readonly PdfDocument _document = new();
        private XGraphics _gfx = null!;
        private PdfPage _page = null!;
        private double _y;

        public Writer(string title)
        {
            _document.Info.Title = title;
            _document.Info.Creator = "BackOffice";
            NewPage();
        }

        private double Width => _page.Width.Point - 2 * Margin;

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private void Room(double height)
        {
            if (_y + height > _page.Height.Point - Margin) NewPage();
        }

        public void Heading(string text)
        {
            Room(40);
            _y += _y > Margin ? 12 : 0;
            _gfx.DrawString(text, _title, XBrushes.Black, new XRect(Margin, _y, Width, 22), XStringFormats.TopLeft);
            _y += 28;
        }

        public void Field(string label, string value)
        {
            var lines = Math.Max(1, (int)Math.Ceiling(_gfx.MeasureString(value, _text).Width / (Width - 160)) + value.Count(c => c == '\n'));
            var height = lines * 13 + 6;
            Room(height);
            new XTextFormatter(_gfx).DrawString(label, _label, XBrushes.Black, new XRect(Margin, _y, 150, height), XStringFormats.TopLeft);
            new XTextFormatter(_gfx).DrawString(value, _text, XBrushes.Black, new XRect(Margin + 160, _y, Width - 160, height), XStringFormats.TopLeft);
            _y += height;
        }

        public byte[] Save()
        {
            _gfx.Dispose();
            using var stream = new MemoryStream();
            _document.Save(stream, false);
            return stream.ToArray();
        }
    }
}
