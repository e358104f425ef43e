using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MimeKit;

namespace BackOffice.Web.Tools.Benchmarks;

/// <summary>
/// <c>bench-upload</c>: the client half of scripts/bench-upload.sh. Against the real app running in another process it does
/// what a sender does — asks for a link, reads it from the SMTP sink's Maildir, opens it — and then uploads a generated PDF of
/// <c>--megabytes</c> (400) through the real writing form, streamed, and one byte more than the limit (refused). It samples the
/// app's resident memory (<c>/proc/PID/status</c>, and the kernel's peak after resetting it) and prints each upload's time and
/// the app's peak RSS growth over its resident size just before, against the target of 50 MB.
/// </summary>
public static partial class UploadBenchmark
{
    public sealed record Options(string Url, int Pid, string Maildir, int Megabytes);

    public static async Task<int> RunAsync(Options o, TextWriter output)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri(o.Url),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var email = $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}@example.test";
        var asked = await PostFormAsync(http, "/Secure", "/Secure", new() { ["Email"] = email });
        if (asked.StatusCode != HttpStatusCode.Redirect) return Fail(output, $"asking for a link answered {(int)asked.StatusCode}");
        var link = await LinkFromMailAsync(o.Maildir, email, TimeSpan.FromSeconds(60));
        if (link is null) return Fail(output, $"no link reached {o.Maildir} for {email} within a minute (is the outbox sending?)");
        var path = new Uri(link).PathAndQuery;
        var verify = await http.GetStringAsync(path);
        var opened = await PostFormAsync(http, path, verify, new() { ["Token"] = Hidden(verify, "Token") ?? "" });
        if (opened.StatusCode != HttpStatusCode.Redirect) return Fail(output, $"opening the link answered {(int)opened.StatusCode}");

        output.WriteLine($"Sender {email} verified through the mailed link; app process {o.Pid}.");
        var warm = await UploadAsync(http, 1L << 20, o.Pid);
        output.WriteLine($"warm-up     {warm.Bytes / 1048576.0,8:0.0} MB  {warm.Status}  {warm.Seconds,6:0.00} s");
        var limit = (long)o.Megabytes * 1024 * 1024;
        var ok = await UploadAsync(http, limit, o.Pid);
        var over = await UploadAsync(http, limit + 1, o.Pid);

        output.WriteLine();
        output.WriteLine($"{"upload",-30} {"size MB",9} {"answer",8} {"time s",8} {"MB/s",8} {"RSS before MB",14} {"peak MB",9} {"growth MB",10}");
        foreach (var (label, r) in new[] { ("at the limit (kept)", ok), ("one byte over (refused)", over) })
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-30} {r.Bytes / 1048576.0,9:0.0} {(int)r.Status,8} {r.Seconds,8:0.00} {r.Bytes / 1048576.0 / r.Seconds,8:0.0} {r.RssBefore / 1048576.0,14:0.0} {r.Peak / 1048576.0,9:0.0} {r.Growth / 1048576.0,10:0.0}"));
        output.WriteLine();
        var kept = ok.Status == HttpStatusCode.Redirect && ok.Location?.StartsWith("/Secure/Sent/", StringComparison.Ordinal) == true;
        var refused = over.Status == HttpStatusCode.OK && over.Body.Contains("larger than the limit", StringComparison.Ordinal);
        output.WriteLine($"The {o.Megabytes} MB attachment was {(kept ? "kept" : "NOT kept")}; the one over the limit was {(refused ? "refused with the limit on the page" : "NOT refused as expected")}.");
        var growth = Math.Max(ok.Growth, over.Growth) / 1048576.0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Target: peak RSS growth <= 50 MB for a {o.Megabytes} MB file: {(growth <= 50 ? "met" : "NOT met")} ({growth:0.0} MB)."));
        return kept && refused && growth <= 50 ? 0 : 1;
    }

    private sealed record Result(long Bytes, HttpStatusCode Status, string? Location, string Body, double Seconds, long RssBefore, long Peak)
    {
        public long Growth => Math.Max(0, Peak - RssBefore);
    }

    private static async Task<Result> UploadAsync(HttpClient http, long bytes, int pid)
    {
        var page = await http.GetStringAsync("/Secure/Write");
        var content = new MultipartFormDataContent
        {
            { new StringContent(Hidden(page, "__RequestVerificationToken") ?? ""), "__RequestVerificationToken" },
            { new StringContent("office"), "Recipient" },
            { new StringContent($"Benchmark upload of {bytes} bytes"), "Subject" },
            { new StringContent("A generated PDF for the upload benchmark (docs/performance.md)."), "Body" },
        };
        var file = new StreamContent(new LargePdf(bytes), 81920);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Attachments\"", FileName = "\"benchmark.pdf\"" };
        content.Add(file);

        await Memory.ResetPeakAsync(pid);
        var before = Memory.Resident(pid);
        using var sampler = new Memory.Sampler(pid);
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/Secure/Write", content);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        var peak = Math.Max(sampler.Stop(), Memory.Peak(pid));
        return new Result(bytes, response.StatusCode, response.Headers.Location?.OriginalString, body, clock.Elapsed.TotalSeconds, before, peak);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string pageOrPath, Dictionary<string, string> values)
    {
        var page = pageOrPath.StartsWith('/') ? await http.GetStringAsync(pageOrPath) : pageOrPath;
        values["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken") ?? "";
        return await http.PostAsync(path, new FormUrlEncodedContent(values));
    }

    private static string? Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static async Task<string?> LinkFromMailAsync(string maildir, string to, TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < until)
        {
            foreach (var file in new[] { "new", "cur" }.Select(d => Path.Combine(maildir, d)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles))
            {
                var mail = await MimeMessage.LoadAsync(file);
                if (mail.To.Mailboxes.Any(m => m.Address == to) && LinkPattern().Match(mail.TextBody ?? "") is { Success: true } link) return link.Value;
            }
            await Task.Delay(250);
        }
        return null;
    }

    private static int Fail(TextWriter output, string why)
    {
        output.WriteLine("bench-upload: " + why);
        return 2;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+/Secure/Verify\?token=[^\s<>""]+")]
    private static partial Regex LinkPattern();

    /// <summary>The resident memory of another process, from <c>/proc</c> (Linux).</summary>
    private static class Memory
    {
        public static long Resident(int pid) => Field(pid, "VmRSS:");
        public static long Peak(int pid) => Field(pid, "VmHWM:");

        /// <summary>Resets the kernel's peak (VmHWM) to the current size: <c>echo 5 > /proc/PID/clear_refs</c>.</summary>
        public static async Task ResetPeakAsync(int pid)
        {
            try
            {
                await File.WriteAllTextAsync($"/proc/{pid}/clear_refs", "5");
            }
            catch (IOException) { } // without the right, the sampler's peak is the measure
            catch (UnauthorizedAccessException) { }
        }

        private static long Field(int pid, string name)
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(name, StringComparison.Ordinal))
                    return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            return 0;
        }

        /// <summary>Reads VmRSS every 10 ms on its own thread and keeps the largest.</summary>
        public sealed class Sampler : IDisposable
        {
            private readonly CancellationTokenSource _stop = new();
            private readonly Task<long> _run;

            public Sampler(int pid) => _run = Task.Run(() =>
            {
                long max = 0;
                while (!_stop.IsCancellationRequested)
                {
                    max = Math.Max(max, Resident(pid));
                    Thread.Sleep(10);
                }
                return max;
            });

            public long Stop()
            {
                _stop.Cancel();
                return _run.GetAwaiter().GetResult();
            }

            public void Dispose() => _stop.Dispose();
        }
    }
}
