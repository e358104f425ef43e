using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BackOffice.Web.Infrastructure.SecureMessages;

public static class FileSizes
{
    /// <summary>A file's size as a person reads it: "37 kB" below a megabyte, "12.4 MB" above, in the reader's culture.</summary>
    public static string FileSize(this IStringLocalizer l, long bytes) => bytes < 1024 * 1024
        ? l["Secure.SizeKb", Math.Max(1, (bytes + 1023) / 1024).ToString("N0", CultureInfo.CurrentCulture)]
        : l["Secure.Size", (bytes / 1048576.0).ToString("N1", CultureInfo.CurrentCulture)];
}
