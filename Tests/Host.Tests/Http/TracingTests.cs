using System.Diagnostics;
using System.Net;
using FluentAssertions;
using WasGo.Scripting;

namespace WasGo.Host.Tests.Http;

/// <summary>A request's trace goes on into the world: the tick that applied its input, and the entity call that input made.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task ACall_Should_BeTracedFromTheRequest_ThroughTheTick_ToTheEntityCall()
    {
        var exported = new ExportedSpans();
        await using TestHost host = await TestHost.StartTracedAsync(exported);
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync("traced");
        await admin.SpawnAsync("traced", "c", "counter");

        (ActivityTraceId traceId, ActivitySpanId caller) = NewTraceParent(out string traceParent);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/worlds/traced/entities/c/calls/increment") { Content = ApiClient.Json("""{"args": [5]}""") };
        request.Headers.Add("traceparent", traceParent);
        (await admin.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        Activity[] trace = await exported.TraceAsync(traceId, "world tick", "entity call");
        Activity server = trace.Single(s => s.Kind == ActivityKind.Server);
        Activity tick = trace.Single(s => s.DisplayName == "world tick");
        Activity call = trace.Single(s => s.DisplayName == "entity call");
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
        var exported = new ExportedSpans();
        await using TestHost host = await TestHost.StartTracedAsync(exported);
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync("traced-failure");
        await admin.SpawnAsync("traced-failure", "c", "counter");

        (ActivityTraceId traceId, _) = NewTraceParent(out string traceParent);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/worlds/traced-failure/entities/c/calls/increment") { Content = ApiClient.Json("""{"args": ["not a number"]}""") };
        request.Headers.Add("traceparent", traceParent);
        HttpStatusCode status = (await admin.SendAsync(request)).StatusCode;

        Activity call = (await exported.TraceAsync(traceId, "entity call")).Single(s => s.DisplayName == "entity call");
        status.Should().Be(HttpStatusCode.BadRequest);
        call.GetTagItem(WorldTracing.OutcomeAttribute).Should().Be("bad_arguments");
        call.Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public async Task Ticks_Should_HaveSpans_OnlyWhenTheyApplyATracedInput()
    {
        var exported = new ExportedSpans();
        await using TestHost host = await TestHost.StartTracedAsync(exported);
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync("untraced");
        await admin.SpawnAsync("untraced", "c", "counter");
        (ActivityTraceId traceId, _) = NewTraceParent(out string traceParent);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/worlds/untraced/entities/c/calls/increment") { Content = ApiClient.Json("""{"args": [1]}""") };
        request.Headers.Add("traceparent", traceParent);
        await admin.SendAsync(request);
        await exported.TraceAsync(traceId, "world tick", "entity call");

        // The world ticks 20 times a second; only the ticks that applied a traced request's input have spans.
        exported.Where(s => Equals(s.GetTagItem(WorldTracing.WorldAttribute), "untraced") && s.DisplayName == "world tick")
            .Should().HaveCount(2, "the spawn's tick and the call's, each in its request's trace");
    }

    private static (ActivityTraceId TraceId, ActivitySpanId SpanId) NewTraceParent(out string traceParent)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        traceParent = $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-01";
        return (traceId, spanId);
    }
}
