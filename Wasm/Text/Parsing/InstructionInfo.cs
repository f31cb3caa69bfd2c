namespace WasGo.Wasm.Text.Parsing;

/// <summary>One row of the instruction table.</summary>
/// <param name="Opcode">The encoding: one byte, or 0xFCxx for the prefixed ones.</param>
/// <param name="Kind">The immediates.</param>
/// <param name="Align">For memory instructions, log2 of the natural alignment.</param>
internal readonly record struct InstructionInfo(ushort Opcode, ImmediateKind Kind, byte Align);
