namespace BackOffice.Web.Infrastructure.Exports;

/// <summary>Settings of row exports and their background jobs (section <c>Exports</c>; docs/reports.md).</summary>
public sealed class ExportOptions
{
    /// <summary>An export of more rows than this is made in the background, with a progress bar.</summary>
    public int BackgroundThreshold { get; set; } = 20_000;
    /// <summary>How long a background export's file is kept for its requester.</summary>
    public double RetentionHours { get; set; } = 24;
    /// <summary>Folder of the background exports' files, shared by every app instance; relative paths are under the content root.</summary>
    public string Path { get; set; } = "../.data/exports";
    /// <summary>How often an idle app instance looks for a queued export; 0 runs none in the background (tests run them by hand).</summary>
    public double PollSeconds { get; set; } = 2;
    /// <summary>A running export reports its progress every this many rows.</summary>
    public int ProgressEveryRows { get; set; } = 5_000;
}
