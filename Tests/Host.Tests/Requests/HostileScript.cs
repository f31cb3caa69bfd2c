using System.Net;
using FluentAssertions;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Scripts;

namespace WasGo.Host.Tests.Requests;

/// <summary><c>Tests/Scripts/hostile.c</c> (<see cref="TestScripts"/>), a script written to hurt its host (spin, storm, fan, …), put in a world.</summary>
internal static class HostileScript
{
    /// <summary>Deploys it as module <c>hostile</c>.</summary>
    public static async Task DeployAsync(HttpClient admin)
    {
        using var content = new ByteArrayContent(TestScripts.Read("hostile"));
        (await admin.PostAsync("/api/modules/hostile", content)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    /// <summary>Deploys it, makes a world and puts one hostile entity in it; returns the world's token.</summary>
    public static async Task<string> WorldWithAnEntityAsync(HttpClient admin, string worldId, string entityId, double tickRate = 20)
    {
        await DeployAsync(admin);
        string token = await admin.CreateWorldAsync(worldId, tickRate);
        await admin.SpawnAsync(worldId, entityId, "hostile");
        return token;
    }
}
