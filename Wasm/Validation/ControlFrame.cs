using System.Runtime.InteropServices;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Validation;

/// <summary>A block, loop, if or the function body while it is being validated.</summary>
[StructLayout(LayoutKind.Auto)]
internal struct ControlFrame
{
    public Opcode Kind;
    public ValueKind[] Parameters;
    public ValueKind[] Results;
    public int Height;
    public bool Unreachable;

    public readonly ValueKind[] LabelTypes => Kind == Opcode.Loop ? Parameters : Results;
}
