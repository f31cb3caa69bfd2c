using System.Diagnostics;
using System.Net;
using FluentAssertions;
using WasGo.Scripting;

namespace WasGo.Host.Tests.Http;

/// <summary>A request's trace goes on into the world: the tick that applied its input, and the entity call that input made.</summary>
public sealed class TracingTests
{
    private readonly ExportedSpans _exported = new();

    [Fact]
    public async Task ACall_Should_BeTracedFromTheRequest_ThroughTheTick_ToTheEntityCall()
    {
        await using TestHost host = await StartWithCounterAsync("traced");

        (ActivityTraceId traceId, ActivitySpanId caller, HttpStatusCode status) = await CallWithinATraceAsync(host, "traced", "[5]");

        // The server's span ends as its response is written, after the tick's and the call's.
        Activity[] trace = await _exported.TraceAsync(traceId, "world tick", "entity call", "POST /api/worlds/{worldId}/entities/{entityId}/calls/{method}");
        Activity server = trace.Single(s => s.Kind == ActivityKind.Server);
        Activity tick = trace.Single(s => s.DisplayName == "world tick");
        Activity call = trace.Single(s => s.DisplayName == "entity call");
        status.Should().Be(HttpStatusCode.OK);
        server.ParentSpanId.Should().Be(caller, "the request continues the caller's trace");
        tick.ParentSpanId.Should().Be(server.SpanId, "the tick that applied the input is inside the request");
        call.ParentSpanId.Should().Be(tick.SpanId, "the entity's call is inside the tick");
        tick.GetTagItem(WorldTracing.WorldAttribute).Should().Be("traced");
        tick.GetTagItem(WorldTracing.TickAttribute).Should().BeOfType<long>().Which.Should().BePositive();
        call.GetTagItem(WorldTracing.WorldAttribute).Should().Be("traced");
        call.GetTagItem(WorldTracing.EntityAttribute).Should().Be("c");
        call.GetTagItem(WorldTracing.MethodAttribute).Should().Be("increment");
        call.GetTagItem(WorldTracing.OutcomeAttribute).Should().Be("ok");
        call.Status.Should().Be(ActivityStatusCode.Unset);
        call.StartTimeUtc.Should().BeOnOrAfter(tick.StartTimeUtc);
        (call.StartTimeUtc + call.Duration).Should().BeOnOrBefore(tick.StartTimeUtc + tick.Duration);
    }

    [Fact]
    public async Task AFailedCall_Should_CarryItsErrorCode_AsTheOutcome()
    {
        await using TestHost host = await StartWithCounterAsync("traced-failure");

        (ActivityTraceId traceId, _, HttpStatusCode status) = await CallWithinATraceAsync(host, "traced-failure", """["not a number"]""");

        Activity call = (await _exported.TraceAsync(traceId, "entity call")).Single(s => s.DisplayName == "entity call");
        status.Should().Be(HttpStatusCode.BadRequest);
        call.GetTagItem(WorldTracing.OutcomeAttribute).Should().Be("bad_arguments");
        call.Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public async Task Ticks_Should_HaveSpans_OnlyWhenTheyApplyATracedInput()
    {
        await using TestHost host = await StartWithCounterAsync("untraced");

        (ActivityTraceId traceId, _, _) = await CallWithinATraceAsync(host, "untraced", "[1]");
        await _exported.TraceAsync(traceId, "world tick", "entity call");

        // The world ticks 20 times a second; only the ticks that applied a traced request's input have spans.
        _exported.Where(s => Equals(s.GetTagItem(WorldTracing.WorldAttribute), "untraced") && s.DisplayName == "world tick")
            .Should().HaveCount(2, "the spawn's tick and the call's, each in its request's trace");
    }

    /// <summary>A host tracing into <see cref="_exported"/>, with a world holding one counter, <c>c</c>.</summary>
    private async Task<TestHost> StartWithCounterAsync(string worldId)
    {
        TestHost host = await TestHost.StartTracedAsync(_exported);
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync(worldId);
        await admin.SpawnAsync(worldId, "c", "counter");
        return host;
    }

    /// <summary>Calls <c>c.increment</c> with a <c>traceparent</c> of a new trace, as a traced client would.</summary>
    private static async Task<(ActivityTraceId TraceId, ActivitySpanId Caller, HttpStatusCode Status)> CallWithinATraceAsync(TestHost host, string worldId, string argsJson)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        using HttpClient admin = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/worlds/{worldId}/entities/c/calls/increment") { Content = ApiClient.Json($$"""{"args": {{argsJson}}}""") };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{caller.ToHexString()}-01");
        using HttpResponseMessage response = await admin.SendAsync(request);
        return (traceId, caller, response.StatusCode);
    }
}
