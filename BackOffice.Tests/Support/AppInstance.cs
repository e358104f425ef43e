using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Support;

/// <summary>
/// One real app instance (Kestrel on a port of its own) on a database and a document folder it shares with other instances,
/// as behind a load balancer (issue 17). With <c>jobs</c> its background senders run on the real clock.
/// </summary>
public sealed class AppInstance : BackOfficeFactory
{
    private readonly string _connectionString;
    private readonly string _documents;
    private readonly int _smtpPort;
    private readonly bool _jobs;

    private readonly Web.Infrastructure.Revocations.ICertificateAuthority? _authority;

    /// <param name="authority">With <paramref name="jobs"/>: the certificate authority the revocation sender calls (one the instances share, as the real one).</param>
    public AppInstance(string database, string documents, int smtpPort, bool jobs = false, string? connectionString = null,
        Web.Infrastructure.Revocations.ICertificateAuthority? authority = null)
    {
        _authority = authority;
        Database = database;
        _connectionString = connectionString ?? TestDatabase.AppConnectionStringFor(database);
        (_documents, _smtpPort, _jobs) = (documents, smtpPort, jobs);
        UseKestrel(0);
    }

    public override Task InitializeAsync() => Task.CompletedTask;
    protected override bool OwnsDatabase => false;
    protected override string ConnectionString => _connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Documents:Path", _documents);
        builder.UseSetting("Smtp:Port", _smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Plain http between the test and the instance, as between a proxy that ends TLS and its nodes (docs/operations.md).
        builder.UseSetting("Security:RequireHttps", "false");
        if (!_jobs) return;
        builder.UseSetting("Outbox:Enabled", "true");
        // Exports of more than 3 rows run in the background, on whichever instance's worker claims them first.
        builder.UseSetting("Exports:BackgroundThreshold", "3");
        builder.UseSetting("Exports:PollSeconds", "0.2");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.ConfigureServices(services => services.AddSingleton(TimeProvider.System));
        if (_authority is null) return;
        builder.UseSetting("Revocation:SenderEnabled", "true");
        builder.UseSetting("Revocation:PollInterval", "00:00:00.200");
        builder.ConfigureServices(services => services.AddSingleton(_authority));
    }

    /// <summary>Starts the server; its address, such as http://127.0.0.1:40123.</summary>
    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
    }

    /// <summary>
    /// A client of this instance for <paramref name="browser"/>: it speaks to https://localhost as the page helpers do, and its
    /// requests go to this instance's port as a TLS-ending proxy sends them (X-Forwarded-Proto), with the browser's cookies (one jar for every instance, as one browser behind a proxy).
    /// </summary>
    public HttpClient Client(Uri address, CookieContainer browser) =>
        new(new FrontDoor(address, browser) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } })
        {
            BaseAddress = new Uri("https://localhost"),
        };

    private sealed class FrontDoor(Uri instance, CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var asked = request.RequestUri!;
            if (cookies.GetCookieHeader(asked) is { Length: > 0 } header) request.Headers.Add("Cookie", header);
            // As the reverse proxy does (deploy/nginx/backoffice.conf): the browser spoke https to it.
            request.Headers.Add("X-Forwarded-Proto", asked.Scheme);
            request.RequestUri = new UriBuilder(asked) { Scheme = instance.Scheme, Host = instance.Host, Port = instance.Port }.Uri;
            var response = await base.SendAsync(request, ct);
            request.RequestUri = asked;
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) cookies.SetCookies(asked, cookie);
            return response;
        }
    }
}
