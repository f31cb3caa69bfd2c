using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using WasGo.Client;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;
using WasGo.Scripting;
using WasGo.Scripting.Tests.Worlds;
using Wasmtime;

namespace WasGo.Host.Tests.Following;

/// <summary>
/// A world for the tests that follow one on a real <c>wasgo run</c>: wanderers at 1,000 ticks a
/// second, each bumping the next, so that every tick changes rows and a wrong step shows at once.
/// </summary>
internal static class Wanderers
{
    public const string World = "followed";

    public static byte[] Module { get; } = Wasmtime.Module.ConvertText(WorldScripts.Wanderer);

    /// <summary>Deploys the wanderer and makes the world of <paramref name="count"/> of them (1,000 ticks a second unless said); returns the world's token.</summary>
    public static async Task<string> CreateWorldAsync(RunningHost host, int count, double tickRate = 1000)
    {
        using HttpClient admin = host.Client();
        using (var content = new ByteArrayContent(Module))
        {
            (await admin.PostAsync("/api/modules/wanderer", content)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        string token = await admin.CreateWorldAsync(World, tickRate);
        for (int i = 0; i < count; i++)
        {
            await admin.SpawnAsync(World, "w" + i, "wanderer");
        }

        for (int i = 0; i < count; i++)
        {
            (await admin.CallAsync(World, "w" + i, "set_peer", $"[\"w{(i + 1) % count}\"]")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        return token;
    }

    /// <summary>
    /// Changes the stored wanderer module under the running host: the host runs the one it compiled,
    /// a client gets other bytes, and its first tick disagrees.
    /// </summary>
    public static async Task TamperStoredModuleAsync(RunningHost host)
    {
        byte[] tampered = [.. Module];
        tampered[^1] ^= 0x01;
        await using var database = new SqliteConnection("Data Source=" + Path.Combine(host.Data, "wasgo.db"));
        await database.OpenAsync();
        await using SqliteCommand update = database.CreateCommand();
        update.CommandText = "UPDATE modules SET bytes = $bytes WHERE hash = $hash";
        update.Parameters.AddWithValue("$bytes", tampered);
        update.Parameters.AddWithValue("$hash", Persistence.ModuleHash.Of(Module));
        (await update.ExecuteNonQueryAsync()).Should().Be(1);
    }

    /// <summary>A client's tampered feed (<see cref="WorldFollowerOptions.Tamper"/>): every <c>bump</c> it steps has a force of 9.</summary>
    public static InputFeedFrame BumpHarder(InputFeedFrame frame) =>
        frame is InputFeedTick { Inputs.Count: > 0 } tick
            ? tick with { Inputs = [.. tick.Inputs.Select(i => i is CallInput { Method: "bump" } call ? call with { Arguments = [ScriptValue.FromFloat(9.0)] } : i)] }
            : frame;

    public static WorldFollowerOptions Options(RunningHost host, string token) => new() { Host = new Uri(host.Url), WorldId = World, Token = token };

    /// <summary>A client with the world's token.</summary>
    public static HttpClient WorldClient(RunningHost host, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
