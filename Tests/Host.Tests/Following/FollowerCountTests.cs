using System.Net;
using System.Text.Json;
using FluentAssertions;
using WasGo.Client;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;

namespace WasGo.Host.Tests.Following;

/// <summary>A world's <c>followers</c> and <c>disagreeing</c> in the API, while real clients follow it on a real <c>wasgo run</c>.</summary>
public sealed class FollowerCountTests
{
    private const string World = Wanderers.World;

    [Fact]
    public async Task TheWorldList_And_TheWorld_Should_CountAFollower_WhileItFollows()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        string token = await Wanderers.CreateWorldAsync(host, count: 3);
        using HttpClient admin = host.Client();
        using HttpClient world = Wanderers.WorldClient(host, token);
        Listed(await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK)).Should().Be((0, 0), "no client follows yet");

        long checkedTicks;
        await using (BackgroundFollower follower = BackgroundFollower.Start(Wanderers.Options(host, token)))
        {
            await follower.FirstTickAsync();
            await admin.EventuallyAsync("/api/worlds", list => Listed(list) == (1, 0));
            await world.EventuallyAsync($"/api/worlds/{World}", w => Followers(w) == (1, 0));
            checkedTicks = await follower.StopAsync();
        }

        checkedTicks.Should().BePositive();
        await admin.EventuallyAsync("/api/worlds", list => Listed(list) == (0, 0));
    }

    [Fact]
    public async Task AFollowerThatDisagreed_Should_BeCountedAsDisagreeing_UntilItLeaves()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        string token = await Wanderers.CreateWorldAsync(host, count: 2);
        using HttpClient admin = host.Client();
        using var follower = new WorldFollower(new WorldFollowerOptions { Host = new Uri(host.Url), WorldId = World, Token = token, Tamper = Wanderers.BumpHarder });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        bool bumped = false;
        (int, int)? whileDisagreeing = null;
        await foreach (FollowedTick tick in follower.FollowAsync(timeout.Token))
        {
            if (!bumped && tick.Tick > 100)
            {
                await admin.EventuallyAsync("/api/worlds", list => Listed(list) == (1, 0));
                (await admin.CallAsync(World, "w1", "bump", "[4.0]")).StatusCode.Should().Be(HttpStatusCode.OK);
                bumped = true;
            }

            if (!tick.Agrees)
            {
                // The follower has sent its report and closes the feed only when asked for the next tick:
                // until then it is still connected, and counted as disagreeing.
                JsonElement seen = await admin.EventuallyAsync("/api/worlds", list => Listed(list).Disagreeing == 1);
                whileDisagreeing = Listed(seen);
            }
        }

        whileDisagreeing.Should().Be((1, 1));
        await admin.EventuallyAsync("/api/worlds", list => Listed(list) == (0, 0));
    }

    /// <summary>The followers of the one world in a world list.</summary>
    private static (int Following, int Disagreeing) Listed(JsonElement list) => Followers(list.EnumerateArray().Single());

    private static (int Following, int Disagreeing) Followers(JsonElement world) =>
        (world.GetProperty("followers").GetInt32(), world.GetProperty("disagreeing").GetInt32());
}
