namespace BackOffice.Web.Shared;

/// <summary>One tab of a sub-navigation (the _SubNavigation partial): its words, where it leads, whether it is the page shown,
/// an optional count, and a value for tests and scripts (data-tab).</summary>
public sealed record SubNavigationItem(string Label, string? Href, bool Current, string? Tab = null, string? Count = null);

/// <summary>The _SubNavigation partial's model: the tabs and what the navigation is called.</summary>
public sealed record SubNavigation(string Label, IReadOnlyList<SubNavigationItem> Items);

/// <summary>One line of a timeline (the _Timeline partial): what happened as a sentence, when, by whom, and an optional note.</summary>
public sealed record TimelineItem(string Title, DateTimeOffset At, string? Byline = null, string? Description = null, string? Link = null, string? LinkText = null);
