namespace BackOffice.Web.Infrastructure;

/// <summary>The rows to skip for a page number from the address: any number a person can type gives a valid offset
/// (below 1 is the first page; a page far past the end is empty, never an arithmetic overflow or a negative OFFSET).</summary>
public static class Paging
{
    public static int Skip(int page, int pageSize) => (int)Math.Min((Math.Max(page, 1) - 1L) * pageSize, int.MaxValue - pageSize);
}
