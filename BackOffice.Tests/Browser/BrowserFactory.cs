using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BackOffice.Tests.Browser;

/// <summary>The app on a real Kestrel port, and Debian's Chromium driven by Playwright.</summary>
public class BrowserFactory : BackOfficeFactory
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:CookieSecurePolicy", "SameAsRequest");
        builder.UseSetting("Security:RequireHttps", "false"); // plain http on loopback, as a proxy terminating TLS would leave it
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "en-GB" });
        return await context.NewPageAsync();
    }

    /// <summary>A page in a window of that width, with or without JavaScript, the browser asking for that language.</summary>
    public async Task<IPage> NewPageAsync(int width, bool javaScript = true, string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl, Locale = locale, JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real form (in whatever language the page is shown).</summary>
    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(TestDatabase.Password);
        // The password form's button (the sign-in page also has the passkey form's).
        await page.Locator("main form:not([data-passkey]) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
    }

    protected override async Task CleanUpAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.CleanUpAsync();
    }
}
