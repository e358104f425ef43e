namespace BackOffice.Web.Pages.Shared;

/// <summary>What a page tells the layout through ViewData.</summary>
public static class LayoutFlags
{
    /// <summary>Set by the error page: the layout renders without anything that reads the database (the queue counts), so
    /// the page still shows while PostgreSQL is down.</summary>
    public const string WithoutDatabase = "Layout.WithoutDatabase";

    /// <summary>Set by a page that follows work in progress (a background export): without JavaScript the page reloads itself
    /// every so many seconds (a &lt;noscript&gt;&lt;meta http-equiv="refresh"&gt; in the head); with it, the page's script polls instead.</summary>
    public const string RefreshSeconds = "Layout.RefreshSeconds";
}
