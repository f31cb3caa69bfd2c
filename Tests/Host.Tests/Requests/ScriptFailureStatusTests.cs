using System.Net;
using System.Text.Json;
using FluentAssertions;
using WasGo.Host.Tests.Http;

namespace WasGo.Host.Tests.Requests;

/// <summary>A script's failure answers with the ABI's code: 404 when there is nothing to call, 400 for the caller's arguments, 422 when the script failed.</summary>
public sealed class ScriptFailureStatusTests
{
    [Theory]
    [InlineData("h", "recurse", "[0]", HttpStatusCode.UnprocessableEntity, "trapped")]
    [InlineData("h", "work", "[100000000]", HttpStatusCode.UnprocessableEntity, "out_of_fuel")]
    [InlineData("h", "spin", "[]", HttpStatusCode.UnprocessableEntity, "timed_out", 1_000_000_000_000)]
    [InlineData("h", "nope", "[]", HttpStatusCode.NotFound, "unknown_method")]
    [InlineData("ghost", "get", "[]", HttpStatusCode.NotFound, "unavailable")]
    [InlineData("h", "work", "[\"many\"]", HttpStatusCode.BadRequest, "bad_arguments")]
    public async Task ACall_Should_AnswerTheStatusOfItsErrorCode(string entity, string method, string args, HttpStatusCode status, string code, long fuel = 10_000_000)
    {
        // With fuel enough for a spin to run into the time limit rather than out of fuel.
        await using TestHost host = await TestHost.StartAsync(settings: ["--WasGo:Worlds:CallTimeLimit=00:00:00.300", $"--WasGo:Worlds:FuelPerCall={fuel}"]);
        using HttpClient admin = host.Client();
        await HostileScript.WorldWithAnEntityAsync(admin, "w", "h");

        JsonElement problem = await (await admin.CallAsync("w", entity, method, args)).ReadJsonAsync(status);

        problem.GetProperty("code").GetString().Should().Be(code);
        (await admin.CallAsync("w", "h", "bump", "[]")).StatusCode.Should().Be(HttpStatusCode.OK, "a failed call leaves the entity usable");
    }
}
