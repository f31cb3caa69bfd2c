using System;

namespace WasGo.Wasm.Text.Binary;

/// <summary>Lays out a binary module as wat2wasm does: sections in canonical order, empty ones left out, minimal LEB128 sizes.</summary>
internal static class ModuleWriter
{
    /// <summary>The section ids, in the order they are written (data count goes before code).</summary>
    public static ReadOnlySpan<byte> Order => [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11];

    /// <summary>Writes the module header then each present section.</summary>
    /// <param name="sections">Indexed by section id; null or empty entries are skipped.</param>
    /// <param name="start">The start function index, or -1.</param>
    /// <param name="dataCount">The data segment count to write in a data count section, or -1 for none.</param>
    public static byte[] Write(Section?[] sections, long start, long dataCount)
    {
        var output = new ByteBuffer();
        output.Write([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        var content = new ByteBuffer();
        foreach (var id in Order)
        {
            content.Clear();
            if (id == 8)
            {
                if (start < 0)
                {
                    continue;
                }

                content.WriteU64((ulong)start);
            }
            else if (id == 12)
            {
                if (dataCount < 0)
                {
                    continue;
                }

                content.WriteU64((ulong)dataCount);
            }
            else
            {
                var section = sections[id];
                if (section is null || section.Count == 0)
                {
                    continue;
                }

                content.WriteU32((uint)section.Count);
                content.Write(section.Body.Span);
            }

            output.WriteByte(id);
            output.WriteU32((uint)content.Length);
            output.Write(content.Span);
        }

        return output.ToArray();
    }
}
