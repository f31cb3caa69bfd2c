using System.Net;
using FluentAssertions;
using WasGo.Host.Tests.Http;
using WasGo.Scripting;

namespace WasGo.Host.Tests.Run;

/// <summary><c>wasgo run</c> with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set sends its traces and metrics to that collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task AHost_Should_ExportTracesAndMetricsByOtlp_WhenTheEndpointIsSet()
    {
        await using OtlpReceiver collector = await OtlpReceiver.StartAsync();
        using RunningHost host = await RunningHost.StartAsync(
            "--OTEL_EXPORTER_OTLP_ENDPOINT=" + collector.Url,
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_METRIC_EXPORT_INTERVAL=500",
            "--OTEL_BSP_SCHEDULE_DELAY=200");
        using HttpClient admin = host.Client();

        HttpResponseMessage called = await admin.CallAsync("demo", "visits", "increment", "[1]");

        called.StatusCode.Should().Be(HttpStatusCode.OK);
        await collector.WaitForAsync("traces", "world tick", "entity call", WorldTracing.MethodAttribute, "increment", "visits");
        await collector.WaitForAsync("metrics", "wasgo.script.messages", "wasgo.cluster.members", "http.server.request.duration");
    }
}
