using System.Linq.Expressions;
using BackOffice.Data.Domain.Outbox;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Web.Infrastructure.Email;

/// <summary>One page of the outbox's messages in one state, as the rows a list shows.</summary>
public sealed record OutboxPage<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageCount);

/// <summary>The outbox lists (the System administrator's and the Administrators'): paged in the database, projected into their rows.</summary>
public static class OutboxPages
{
    public const int PageSize = 50;

    /// <summary>Waiting messages by when they are due, the others newest first; a page past the end shows the last.</summary>
    public static async Task<OutboxPage<T>> ReadAsync<T>(this IQueryable<OutboxMessage> messages, OutboxStatus status, int page,
        Expression<Func<OutboxMessage, T>> row, CancellationToken ct)
    {
        var query = messages.AsNoTracking().Where(m => m.Status == status);
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var ordered = status == OutboxStatus.Pending ? query.OrderBy(m => m.NextAttemptAt) : query.OrderByDescending(m => m.CreatedAt);
        var rows = await ordered.ThenBy(m => m.Id).Skip(Paging.Skip(page, PageSize)).Take(PageSize).Select(row).ToListAsync(ct);
        return new(rows, total, page, pageCount);
    }
}
