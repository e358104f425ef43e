using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BackOffice.Tests.Support;

/// <summary>
/// A real SMTP server of the test's own (Debian's aiosmtpd keeping every mail in a Maildir) on a free port:
/// tests stop and restart it to play an outage, and read what arrived with MimeKit.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private Process? _process;

    public SmtpSink()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
    }

    public int Port { get; }
    public string Maildir { get; } = Path.Combine(Path.GetTempPath(), "bo-mail-" + Guid.NewGuid().ToString("N")[..8]);
    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (IsRunning) return;
        var log = new System.Text.StringBuilder();
        _process = new Process
        {
            StartInfo = new ProcessStartInfo("/usr/bin/python3",
                ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            },
        };
        // Drained as it comes, so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException("aiosmtpd exited: " + log);
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"aiosmtpd does not answer on port {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every mail received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(f => MimeMessage.Load(f)).ToList();

    public void ClearMailbox()
    {
        foreach (var file in new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles))
            File.Delete(file);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(Maildir)) Directory.Delete(Maildir, recursive: true);
    }
}

/// <summary>The app with an SMTP server of its own (started), for tests that count mails or take the server down.</summary>
public class MailFactory : BackOfficeFactory
{
    public SmtpSink Smtp { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Smtp.StartAsync();
    }

    /// <summary>For the next test: the server up, the outbox and the mailbox empty.</summary>
    public async Task ResetMailAsync()
    {
        await Smtp.StartAsync();
        await using var db = Db();
        await db.OutboxMessages.ExecuteDeleteAsync();
        Smtp.ClearMailbox();
    }

    protected override async Task CleanUpAsync()
    {
        await base.CleanUpAsync();
        await Smtp.DisposeAsync();
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Outbox:MaxAttempts", "3");
    }
}
