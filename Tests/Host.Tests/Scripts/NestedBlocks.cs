namespace WasGo.Host.Tests.Scripts;

/// <summary>
/// A valid module whose one function is <c>depth</c> blocks nested in each other: three bytes a
/// level, and Cranelift's time and memory grow with the depth (a million levels, 3 MB, take it
/// 12 s and 915 MB), which is what the compiler process's limits are for.
/// </summary>
internal static class NestedBlocks
{
    public static byte[] Module(int depth)
    {
        byte[] code = [0x00, .. Repeat([0x02, 0x40], depth), .. Repeat([0x0B], depth), 0x0B]; // no locals; block (empty) ×depth; end ×depth; end
        return
        [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            .. Section(1, [0x01, 0x60, 0x00, 0x00]), // type 0: [] -> []
            .. Section(3, [0x01, 0x00]), // one function of type 0
            .. Section(5, [0x01, 0x00, 0x01]), // one memory of a page
            .. Section(7, [0x01, 0x03, (byte)'r', (byte)'u', (byte)'n', 0x00, 0x00]), // export "run"
            .. Section(10, [0x01, .. Leb128((uint)code.Length), .. code]),
        ];
    }

    private static IEnumerable<byte> Repeat(byte[] bytes, int times) => Enumerable.Repeat(bytes, times).SelectMany(static b => b);

    private static byte[] Section(byte id, byte[] body) => [id, .. Leb128((uint)body.Length), .. body];

    private static byte[] Leb128(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            byte low = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? low : (byte)(low | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
