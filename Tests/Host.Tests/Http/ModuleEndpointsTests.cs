using System.Net;
using System.Text.Json;
using FluentAssertions;
using WasGo.Host.Demo;
using Wasmtime;

namespace WasGo.Host.Tests.Http;

public sealed class ModuleEndpointsTests
{
    [Fact]
    public async Task Deploy_Should_StoreTheModule_AndListItsMethods()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        using var content = new ByteArrayContent(ExampleModules.Read("counter"));

        JsonElement deployed = await (await admin.PostAsync("/api/modules/counter?version=v1", content)).ReadJsonAsync(HttpStatusCode.Created);

        deployed.GetProperty("module").GetProperty("version").GetString().Should().Be("v1");
        deployed.GetProperty("module").GetProperty("hash").GetString().Should().HaveLength(64);
        deployed.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).Should().Equal("get", "increment", "reset");
        JsonElement list = await (await admin.GetAsync("/api/modules")).ReadJsonAsync(HttpStatusCode.OK);
        list.EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("counter");
    }

    [Theory]
    [InlineData("application/wasm")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Deploy_Should_TakeTheBytes_WhateverTheContentType(string contentType)
    {
        await using TestHost host = await TestHost.StartAsync();
        using var content = new ByteArrayContent(ExampleModules.Read("door"));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        await (await host.Client().PostAsync("/api/modules/door", content)).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Versions_Should_ListEveryVersion_OldestFirst()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.PostAsync("/api/modules/door?version=a", new ByteArrayContent(ExampleModules.Read("counter")));
        await admin.PostAsync("/api/modules/door?version=b", new ByteArrayContent(ExampleModules.Read("door")));

        JsonElement versions = await (await admin.GetAsync("/api/modules/door/versions")).ReadJsonAsync(HttpStatusCode.OK);

        versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()).Should().Equal("a", "b");
        JsonElement newest = await (await admin.GetAsync("/api/modules")).ReadJsonAsync(HttpStatusCode.OK);
        newest[0].GetProperty("version").GetString().Should().Be("b");
    }

    [Fact]
    public async Task Versions_Should_Answer404_ForAnUnknownModule()
    {
        await using TestHost host = await TestHost.StartAsync();

        string detail = await (await host.Client().GetAsync("/api/modules/nothing/versions")).ReadProblemAsync(HttpStatusCode.NotFound);

        detail.Should().Contain("No module 'nothing'");
    }

    [Fact]
    public async Task Deploy_Should_Refuse_BytesThatAreNotWasm_WithTheOffset()
    {
        await using TestHost host = await TestHost.StartAsync();

        string detail = await (await host.Client().PostAsync("/api/modules/junk", new ByteArrayContent("\0asm\u0001\0\0\0\u0001\u0005"u8.ToArray()))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("cannot run as a WasGo script").And.MatchRegex("offset|byte");
    }

    [Fact]
    public async Task Deploy_Should_Refuse_AModuleThatImportsOutsideTheAbi()
    {
        await using TestHost host = await TestHost.StartAsync();
        byte[] wasi = Module.ConvertText("""(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32))) (memory (export "memory") 1))""");

        string detail = await (await host.Client().PostAsync("/api/modules/wasi", new ByteArrayContent(wasi))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("wasi_snapshot_preview1.fd_write").And.Contain("only from 'wasgo'");
    }

    [Fact]
    public async Task Deploy_Should_Refuse_ALifecycleExportOfTheWrongType()
    {
        await using TestHost host = await TestHost.StartAsync();
        byte[] wrong = Module.ConvertText("""(module (func (export "_process") (param i32)))""");

        string detail = await (await host.Client().PostAsync("/api/modules/wrong", new ByteArrayContent(wrong))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("export _process").And.Contain("(f64)");
    }

    [Fact]
    public async Task Deploy_Should_Answer409_WhenAVersionIsRetaggedToOtherBytes()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.PostAsync("/api/modules/m?version=1", new ByteArrayContent(ExampleModules.Read("counter")));

        HttpResponseMessage again = await admin.PostAsync("/api/modules/m?version=1", new ByteArrayContent(ExampleModules.Read("door")));

        await again.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading")]
    public async Task Deploy_Should_Refuse_ANameThatIsNotAllowed(string name)
    {
        await using TestHost host = await TestHost.StartAsync();

        string detail = await (await host.Client().PostAsync($"/api/modules/{Uri.EscapeDataString(name)}", new ByteArrayContent(ExampleModules.Read("counter")))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("is not allowed");
    }

    [Fact]
    public async Task Deploy_Should_Answer413_ForABodyOverTheLimit()
    {
        await using TestHost host = await TestHost.StartAsync(settings: "--WasGo:Http:MaxModuleBytes=1024");

        string detail = await (await host.Client().PostAsync("/api/modules/big", new ByteArrayContent(new byte[4096]))).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        detail.Should().Contain("at most 1024");
    }

    [Fact]
    public async Task Modules_Should_Answer401_WithoutAToken_And403_WithAWorldToken()
    {
        await using TestHost host = await TestHost.StartAsync();
        string worldToken = await host.Client().CreateWorldAsync("w");

        HttpResponseMessage anonymous = await host.Client(token: null).PostAsync("/api/modules/x", new ByteArrayContent(ExampleModules.Read("counter")));
        HttpResponseMessage wrong = await host.Client("not-a-token").GetAsync("/api/modules");
        HttpResponseMessage world = await host.Client(worldToken).PostAsync("/api/modules/x", new ByteArrayContent(ExampleModules.Read("counter")));

        await anonymous.ReadProblemAsync(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        await wrong.ReadProblemAsync(HttpStatusCode.Unauthorized);
        await world.ReadProblemAsync(HttpStatusCode.Forbidden);
        JsonElement list = await (await host.Client().GetAsync("/api/modules")).ReadJsonAsync(HttpStatusCode.OK);
        list.GetArrayLength().Should().Be(0, "nothing unauthenticated writes");
    }
}
