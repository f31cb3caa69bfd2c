using System.Net;
using System.Text.Json;
using FluentAssertions;
using Wasmtime;

namespace WasGo.Host.Tests.Http;

public sealed class DeadLetterEndpointsTests
{
    [Fact]
    public async Task AMessageThatTraps_Should_Answer422WithTheTrap_AndBeListedAsADeadLetter()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        byte[] trap = Module.ConvertText("""(module (memory (export "memory") 1) (func (export "boom") unreachable))""");
        (await admin.PostAsync("/api/modules/bomb", new ByteArrayContent(trap))).StatusCode.Should().Be(HttpStatusCode.Created);
        await admin.CreateWorldAsync("w");
        await admin.SpawnAsync("w", "b", "bomb");

        JsonElement failed = await (await admin.CallAsync("w", "b", "boom", "[]")).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        JsonElement letters = await admin.EventuallyAsync("/api/dead-letters", l => l.GetArrayLength() > 0);

        failed.GetProperty("code").GetString().Should().Be("trapped");
        JsonElement letter = letters.EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "given-up");
        letter.GetProperty("recipient").GetString().Should().Be("b");
        letter.GetProperty("world").GetString().Should().Be("w");
        letter.GetProperty("reason").GetString().Should().Contain("unreachable");
        PrometheusText.Value(await host.Client(token: null).GetStringAsync("/metrics"), "wasgo_dead_letters_total", "kind=\"given-up\"").Should().Be(1);
    }

    [Fact]
    public async Task DeadLetters_Should_NeedTheAdminToken()
    {
        await using TestHost host = await TestHost.StartAsync();
        string world = await host.Client().CreateWorldAsync("w");

        await (await host.Client(token: null).GetAsync("/api/dead-letters")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await host.Client(world).GetAsync("/api/dead-letters")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}
