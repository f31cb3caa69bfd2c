using System.Collections.Generic;

namespace WasGo.Wasm.Tests.Support;

/// <summary>Builds small binary modules by hand: one function of type [] -> [] with given locals and code.</summary>
internal static class BinaryModule
{
    public static byte[] SingleFunction(IReadOnlyList<byte> locals, IReadOnlyList<byte> code)
    {
        var body = new List<byte>(locals);
        body.AddRange(code);
        var section = new List<byte> { 1 };
        section.AddRange(Leb(body.Count));
        section.AddRange(body);
        var module = new List<byte> { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10 };
        module.AddRange(Leb(section.Count));
        module.AddRange(section);
        return [.. module];
    }

    public static byte[] Leb(long value)
    {
        var bytes = new List<byte>();
        var v = (ulong)value;
        do
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            bytes.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return [.. bytes];
    }
}
