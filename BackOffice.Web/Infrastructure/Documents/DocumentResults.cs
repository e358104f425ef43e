using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace BackOffice.Web.Infrastructure.Documents;

/// <summary>How a person's document leaves the office: its own sniffed type, never sniffed again, named safely.</summary>
public static class DocumentResults
{
    /// <summary>
    /// A stored file as the response: inline (for the review page's sandboxed frame) or as a download, with
    /// Content-Disposition's filename* (RFC 6266) and X-Content-Type-Options: nosniff.
    /// </summary>
    public static FileStreamResult File(HttpResponse response, Stream content, string contentType, string fileName, bool download)
    {
        var disposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline");
        disposition.SetHttpFileName(FileNames.Sanitise(fileName, contentType));
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        return new FileStreamResult(content, contentType) { EnableRangeProcessing = false };
    }
}
