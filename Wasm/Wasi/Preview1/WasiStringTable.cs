using System.Collections.Generic;
using System.Text;

namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>Arguments or environment strings encoded once as WASI hands them out: UTF-8, each NUL-terminated, back to back.</summary>
internal sealed class WasiStringTable
{
    public WasiStringTable(IEnumerable<string> strings)
    {
        var offsets = new List<int>();
        var blob = new List<byte>();
        foreach (var text in strings)
        {
            offsets.Add(blob.Count);
            blob.AddRange(Encoding.UTF8.GetBytes(text));
            blob.Add(0);
        }

        Offsets = [.. offsets];
        Bytes = [.. blob];
    }

    /// <summary>Where each string starts in <see cref="Bytes"/>.</summary>
    public int[] Offsets { get; }

    /// <summary>The strings with their terminating NULs.</summary>
    public byte[] Bytes { get; }
}
