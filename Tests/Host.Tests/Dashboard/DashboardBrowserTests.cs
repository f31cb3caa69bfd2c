using FluentAssertions;
using Microsoft.Playwright;
using WasGo.Client;
using WasGo.Host.Tests.Following;
using WasGo.Host.Tests.Run;

namespace WasGo.Host.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: Debian's chromium, headless, driven by Playwright against a real
/// <c>wasgo run</c>. Without /usr/bin/chromium this fails (scripts/test.sh installs it); it never skips.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float s_timeout = 30_000;

    [Fact]
    public async Task Dashboard_Should_ShowTheDemoWorld_WithLiveEntityRows_Signals_Rates_AndTheShardMap()
    {
        using RunningHost host = await RunningHost.StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(s_timeout);

        await page.GotoAsync($"{host.Url}/dashboard#token={host.AdminToken}");
        await page.Locator("#worlds tr[data-world='demo']").WaitForAsync();
        await page.Locator("#entities tr[data-entity='guard']").WaitForAsync();
        string firstSteps = await StepsAsync(page);
        await page.WaitForFunctionAsync(
            "before => document.querySelector(\"#entities tr[data-entity='guard']\").textContent !== before",
            firstSteps);

        (await page.Locator("#entities tr[data-entity]").AllTextContentsAsync()).Should().HaveCount(4);
        (await page.Locator("#entities tr[data-entity='rex']").TextContentAsync()).Should().Contain("owner").And.Contain("\"you\"");
        await page.Locator("#signals li[data-signal='opened']").WaitForAsync();
        await page.Locator("#shards tr[data-node]").WaitForAsync();
        (await page.Locator("#shards tr[data-node]").TextContentAsync()).Should().Contain(Environment.MachineName);
        await page.Locator("#shards td[data-status='Up']").WaitForAsync();
        (await page.Locator("#shards div[aria-label] span.shard").CountAsync()).Should().Be(WasGo.Cluster.WorldShardingSetup.DefaultShardCount, "every shard is drawn, hosted or not");
        await page.Locator("#rates canvas[data-rate='notifications']").WaitForAsync();
        await page.WaitForFunctionAsync("() => /notifications\\/s: [1-9]/.test(document.querySelector(\"span[data-label='notifications']\").textContent)");
        (await page.EvaluateAsync<string>("() => location.hash")).Should().BeEmpty("the token is taken out of the address bar");

        byte[] screenshot = await page.Locator("#entities-panel").ScreenshotAsync();
        int colours = await DistinctColoursAsync(page, screenshot);
        colours.Should().BeGreaterThan(20, "the screenshot of the entities panel shows rendered rows of text, not an empty box");
    }

    [Fact]
    public async Task Dashboard_Should_ShowTheClientsFollowingAWorld()
    {
        using RunningHost host = await RunningHost.StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync();
        page.SetDefaultTimeout(s_timeout);
        await page.GotoAsync($"{host.Url}/dashboard#token={host.AdminToken}");
        ILocator followers = page.Locator("#worlds tr[data-world='demo'] td[data-followers]");
        await page.Locator("#worlds tr[data-world='demo'] td[data-followers='0']").WaitForAsync();
        (await followers.TextContentAsync()).Should().Be("none");

        await using (BackgroundFollower follower = BackgroundFollower.Start(new WorldFollowerOptions { Host = new Uri(host.Url), WorldId = "demo", Token = host.AdminToken }))
        {
            await page.Locator("#worlds tr[data-world='demo'] td[data-followers='1']").WaitForAsync();
            (await followers.TextContentAsync()).Should().Be("1 following, all agree");
            await follower.StopAsync();
        }

        await page.Locator("#worlds tr[data-world='demo'] td[data-followers='0']").WaitForAsync();
    }

    [Fact]
    public async Task Dashboard_Should_AskForAToken_WhenItHasNone()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync();
        page.SetDefaultTimeout(s_timeout);

        await page.GotoAsync($"{host.Url}/dashboard");

        await page.Locator("#signin").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        (await page.Locator("#status").TextContentAsync()).Should().Contain("sign in");
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        File.Exists(Chromium).Should().BeTrue("the browser test drives Debian's chromium; install it with apt-get install chromium");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private static Task<string> StepsAsync(IPage page) =>
        page.Locator("#entities tr[data-entity='guard']").TextContentAsync()!;

    /// <summary>Decodes the PNG in the browser and counts its distinct colours.</summary>
    private static Task<int> DistinctColoursAsync(IPage page, byte[] png) =>
        page.EvaluateAsync<int>(
            """
            async data => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + data;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width;
              canvas.height = image.height;
              const context = canvas.getContext('2d');
              context.drawImage(image, 0, 0);
              const pixels = context.getImageData(0, 0, image.width, image.height).data;
              const seen = new Set();
              for (let i = 0; i < pixels.length; i += 4) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
              return seen.size;
            }
            """,
            Convert.ToBase64String(png));
}
