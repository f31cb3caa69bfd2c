namespace WasGo.Wasm.Tests.Wasi;

/// <summary>What a WASI command did: its exit code and what it wrote.</summary>
internal sealed record WasiRun(int ExitCode, string StandardOutput, string StandardError);
