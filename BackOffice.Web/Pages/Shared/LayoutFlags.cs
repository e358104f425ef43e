namespace BackOffice.Web.Pages.Shared;

/// <summary>What a page tells the layout through ViewData.</summary>
public static class LayoutFlags
{
    /// <summary>Set by the error page: the layout renders without anything that reads the database (the queue counts), so
    /// the page still shows while PostgreSQL is down.</summary>
    public const string WithoutDatabase = "Layout.WithoutDatabase";
}
