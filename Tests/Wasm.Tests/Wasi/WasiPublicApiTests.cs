using WasGo.Wasm.Tests.Support;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>The public surface of WasGo.Wasm.Wasi against WasiPublicApi.approved.txt.</summary>
public sealed class WasiPublicApiTests
{
    [Fact]
    public void WasiPublicApi_Should_MatchTheApprovedSurface() =>
        PublicApi.ShouldMatchApproved(typeof(WasiConfiguration).Assembly, "WasGo.Wasm.Wasi", Path.GetDirectoryName(WasiPrograms.SourceDirectory)!, "WasiPublicApi");
}
