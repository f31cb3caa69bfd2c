namespace WasGo.Host.Modules;

/// <summary>What checking a module found.</summary>
/// <param name="Hash">The content hash of its bytes.</param>
/// <param name="Problems">Why it cannot run as a script (decode, validation and ABI errors, with byte offsets where the engine gives them); empty if it can.</param>
/// <param name="Methods">The methods clients and entities may call, by name.</param>
/// <param name="Hooks">The lifecycle exports the host calls (<c>_ready</c>, <c>_process</c>, …).</param>
internal sealed record ModuleReport(string Hash, IReadOnlyList<string> Problems, IReadOnlyList<string> Methods, IReadOnlyList<string> Hooks)
{
    public bool IsValid => Problems.Count == 0;
}
