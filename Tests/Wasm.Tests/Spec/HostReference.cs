namespace WasGo.Wasm.Tests.Spec;

/// <summary>The host object behind a spec script's <c>(ref.extern N)</c>.</summary>
internal sealed record HostReference(long Number);
