using WasGo.Wasm.Tests.Spec;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Api;

/// <summary>
/// The public surface of WasGo.Wasm (the engine's own namespace; WasGo.Wasm.Text and
/// WasGo.Wasm.Wasi have their own owners and tests) against PublicApi.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_Should_MatchTheApprovedSurface() =>
        PublicApi.ShouldMatchApproved(typeof(Engine).Assembly, "WasGo.Wasm", Path.Combine(SpecPaths.RepositoryRoot, "Tests", "Wasm.Tests", "Api"), "PublicApi");
}
