using System.Text.Json;
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
    public async Task Dashboard_Should_ShowTheDemoWorld_WithLiveEntityRows_Signals_Rates_AndTheClusterWithItsWorlds()
    {
        using RunningHost host = await RunningHost.StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await OpenDashboardAsync(browser, host);

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
        await page.Locator("#shards tr[data-node] td[data-worlds='demo']").WaitForAsync();
        (await page.Locator("#shards tr[data-node]:has(td[data-status='Up']) td[data-worlds]").TextContentAsync()).Should().Contain("demo", "the one member, up, runs the demo world");
        (await page.Locator("#shards div[aria-label] span.shard").CountAsync()).Should().Be(WasGo.Cluster.WorldShardingSetup.DefaultShardCount, "every shard is drawn, hosted or not");
        await page.Locator("#rates canvas[data-rate='notifications']").WaitForAsync();
        await page.WaitForFunctionAsync("() => /notifications\\/s: [1-9]/.test(document.querySelector(\"span[data-label='notifications']\").textContent)");
        (await page.EvaluateAsync<string>("() => location.hash")).Should().BeEmpty("the token is taken out of the address bar");

        byte[] screenshot = await page.Locator("#entities-panel").ScreenshotAsync();
        int colours = await DistinctColoursAsync(page, screenshot);
        colours.Should().BeGreaterThan(20, "the screenshot of the entities panel shows rendered rows of text, not an empty box");
    }

    [Fact]
    public async Task WorldMap_Should_DrawThePositionedEntitiesMoving_ColouredByModule_AndShowAClickedOnesRowAndSignals()
    {
        using RunningHost host = await RunningHost.StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await OpenDashboardAsync(browser, host);
        ILocator map = page.Locator("#map");

        // The pet and the wandering NPC have x and y; the door and the counter do not.
        await page.Locator("#map[data-entities='2']").WaitForAsync();
        await page.Locator("#map-legend [data-module='pet']").WaitForAsync();
        (await page.Locator("#map-legend [data-module]").AllTextContentsAsync()).Should().Equal("npc", "pet");
        (await page.Locator("#map-off").TextContentAsync()).Should().Be("not on the map (no x, y): front-door, visits");
        string[] colours = [await page.EvaluateAsync<string>("() => moduleColour('npc')"), await page.EvaluateAsync<string>("() => moduleColour('pet')")];
        colours[0].Should().NotBe(colours[1]);

        byte[] before = await map.ScreenshotAsync();
        Dot guard = await DotAsync(page, "guard");
        await page.WaitForFunctionAsync(
            "([x, y]) => { const now = mapDots().find(d => d.id === 'guard'); return Math.hypot(now.x - x, now.y - y) > 3; }",
            new[] { guard.X, guard.Y });
        byte[] after = await map.ScreenshotAsync();

        CanvasShots shots = await CompareAsync(page, before, after, colours);
        shots.Differing.Should().BeGreaterThan(20, "the guard wanders: its dot is somewhere else in the second screenshot");
        shots.Coloured.Should().OnlyContain(count => count > 20, "each module's dot is drawn in that module's colour in both screenshots");

        // The pet walks to (6, 4) and stays; a dot that still moves could slip from under the click.
        await page.WaitForFunctionAsync("() => { const rex = view.entities.get('rex'); return Math.hypot(rex.x - 6, rex.y - 4) < 0.01; }");
        ILocator details = page.Locator("#map-details[data-entity='rex']");
        await ClickDotAsync(page, "rex", details);
        (await details.Locator("tr[data-row='rex']").TextContentAsync()).Should().Contain("owner").And.Contain("\"you\"").And.Contain("hunger");
        (await details.Locator("h3").TextContentAsync()).Should().Be("rex pet");
        await details.Locator("li[data-signal='wag']").First.WaitForAsync();
        (await details.Locator("li[data-signal]").AllTextContentsAsync()).Should().OnlyContain(text => text.Contains("wag()"), "only the pet's own signals are listed, not the door's");
        (await page.Locator("#signals li[data-signal='opened']").CountAsync()).Should().BeGreaterThan(0, "the door's signal is in the world's log");

        ILocator guardDetails = page.Locator("#map-details[data-entity='guard']");
        await ClickDotAsync(page, "guard", guardDetails);
        (await guardDetails.Locator("tr[data-row='guard']").TextContentAsync()).Should().Contain("steps");
        (await guardDetails.TextContentAsync()).Should().Contain("no recent signals", "the guard emits none");

        await map.ClickAsync(new LocatorClickOptions { Position = new Position { X = 2, Y = 2 } });
        await page.Locator("#map-details").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
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

    /// <summary>A page the size of a laptop's screen, signed in with the host's admin token through the link the host prints.</summary>
    private static async Task<IPage> OpenDashboardAsync(IBrowser browser, RunningHost host)
    {
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(s_timeout);
        await page.GotoAsync($"{host.Url}/dashboard#token={host.AdminToken}");
        return page;
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

    /// <summary>
    /// Clicks where the map drew an entity until <paramref name="shown"/> appears. The dot may move
    /// between reading it and the click (the map refits as the guard wanders, and a row of the entity
    /// table that wraps pushes the canvas down the page), so a click that missed is tried again, twice.
    /// </summary>
    private static async Task ClickDotAsync(IPage page, string entityId, ILocator shown)
    {
        for (int attempt = 1; ; attempt++)
        {
            Dot dot = await DotAsync(page, entityId);
            await page.Locator("#map").ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)dot.X, Y = (float)dot.Y } });
            try
            {
                await shown.WaitForAsync(new LocatorWaitForOptions { Timeout = 3000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
            catch (TimeoutException)
            {
                string state = await page.EvaluateAsync<string>("() => JSON.stringify({ selected: view.selected, dots: mapDots() })");
                throw new TimeoutException($"Three clicks on {entityId}'s dot, last at {dot}, did not show its details; the page has {state}.");
            }
        }
    }

    private static async Task<Dot> DotAsync(IPage page, string entityId)
    {
        JsonElement dot = await page.EvaluateAsync<JsonElement>("id => mapDots().find(d => d.id === id)", entityId);
        return new Dot(dot.GetProperty("x").GetDouble(), dot.GetProperty("y").GetDouble());
    }

    /// <summary>
    /// Decodes two PNGs of the same size in the browser: how many pixels differ, and how many pixels of
    /// each colour (a CSS colour, within a little of it for antialiasing) the less coloured of the two has.
    /// </summary>
    private static async Task<CanvasShots> CompareAsync(IPage page, byte[] first, byte[] second, string[] colours)
    {
        JsonElement found = await page.EvaluateAsync<JsonElement>(
            """
            async ([first, second, colours]) => {
              const pixelsOf = async data => {
                const image = new Image();
                image.src = 'data:image/png;base64,' + data;
                await image.decode();
                const canvas = document.createElement('canvas');
                [canvas.width, canvas.height] = [image.width, image.height];
                const context = canvas.getContext('2d');
                context.drawImage(image, 0, 0);
                return context.getImageData(0, 0, image.width, image.height).data;
              };
              const rgbOf = colour => {
                const context = document.createElement('canvas').getContext('2d');
                context.fillStyle = colour;
                context.fillRect(0, 0, 1, 1);
                return context.getImageData(0, 0, 1, 1).data;
              };
              const [a, b] = [await pixelsOf(first), await pixelsOf(second)];
              let differing = 0;
              for (let i = 0; i < Math.min(a.length, b.length); i += 4) {
                if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) differing++;
              }
              const count = (pixels, rgb) => {
                let n = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                  if (Math.abs(pixels[i] - rgb[0]) + Math.abs(pixels[i + 1] - rgb[1]) + Math.abs(pixels[i + 2] - rgb[2]) <= 6) n++;
                }
                return n;
              };
              const coloured = colours.map(rgbOf).map(rgb => Math.min(count(a, rgb), count(b, rgb)));
              return { differing, coloured };
            }
            """,
            new object[] { Convert.ToBase64String(first), Convert.ToBase64String(second), colours });
        return new CanvasShots(found.GetProperty("differing").GetInt32(), [.. found.GetProperty("coloured").EnumerateArray().Select(c => c.GetInt32())]);
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

    /// <summary>Where the map drew an entity, in pixels from the canvas's top left corner.</summary>
    // Doubles: Playwright hands a float to the page as an empty object.
    private sealed record Dot(double X, double Y);

    /// <summary>What <see cref="CompareAsync"/> found.</summary>
    private sealed record CanvasShots(int Differing, int[] Coloured);
}
