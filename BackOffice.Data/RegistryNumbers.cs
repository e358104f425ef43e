using BackOffice.Data.Domain.Applications;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

/// <summary>Hands out registry numbers <c>BO/&lt;year&gt;/&lt;6 digits&gt;</c> and certificate numbers from counter rows, never from a sequence (gapless).</summary>
public static class RegistryNumbers
{
    /// <summary>
    /// Takes the next number of the year. The row stays locked until the caller's transaction ends, so
    /// numbers are never given twice and a rolled-back application leaves no gap.
    /// </summary>
    public static async Task<string> NextAsync(BackOfficeDbContext db, int year, CancellationToken ct = default)
    {
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO registry_sequences (year, last_number) VALUES ({year}, 1)
            ON CONFLICT (year) DO UPDATE SET last_number = registry_sequences.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct);
        return RegistryNumber.Format(year, next.Single());
    }

    /// <summary>
    /// The next certificate number, e.g. <c>C-2026-0000042</c>: one counter for all years, taken like the registry number
    /// (the row stays locked until the caller's transaction ends), so a final review that loses or is refused leaves no gap.
    /// </summary>
    public static async Task<string> NextCertificateNumberAsync(BackOfficeDbContext db, int year, CancellationToken ct = default)
    {
        var next = await db.Database.SqlQuery<long>($"""
            INSERT INTO certificate_number_counters (id, last_number) VALUES ({CertificateNumberCounter.SingleId}, 1)
            ON CONFLICT (id) DO UPDATE SET last_number = certificate_number_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct);
        return FormattableString.Invariant($"C-{year:0000}-{next.Single():0000000}");
    }
}
