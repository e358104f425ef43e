using BackOffice.Data.Configurations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Data;

/// <summary>The references of secure messages, <c>SM-&lt;year&gt;-&lt;6 digits&gt;</c>, from one database sequence.</summary>
public static class MessageReferences
{
    public static async Task<string> NextAsync(BackOfficeDbContext db, int year, CancellationToken ct = default)
    {
        var next = await db.Database.SqlQueryRaw<long>($"SELECT nextval('{SecureMessageConfiguration.ReferenceSequence}') AS \"Value\"").ToListAsync(ct);
        return FormattableString.Invariant($"SM-{year:0000}-{next.Single():000000}");
    }
}
