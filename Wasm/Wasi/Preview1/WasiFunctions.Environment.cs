namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>args_* and environ_*: the configured strings.</summary>
internal sealed partial class WasiFunctions
{
    private static int SizesGet(Caller caller, WasiStringTable table, int countPointer, int sizePointer)
    {
        var memory = GuestMemory.Of(caller);
        if (!memory.Fits(countPointer, 4) || !memory.Fits(sizePointer, 4))
        {
            return WasiErrno.Fault;
        }

        memory.WriteUInt32(countPointer, (uint)table.Offsets.Length);
        memory.WriteUInt32(sizePointer, (uint)table.Bytes.Length);
        return WasiErrno.Success;
    }

    private static int StringsGet(Caller caller, WasiStringTable table, int pointers, int buffer)
    {
        var memory = GuestMemory.Of(caller);
        if (!memory.Fits(pointers, (ulong)table.Offsets.Length * 4) || !memory.Fits(buffer, (ulong)table.Bytes.Length))
        {
            return WasiErrno.Fault;
        }

        for (var i = 0; i < table.Offsets.Length; i++)
        {
            memory.WriteUInt32(pointers + (i * 4), unchecked((uint)buffer + (uint)table.Offsets[i]));
        }

        table.Bytes.CopyTo(memory.Span((uint)buffer, table.Bytes.Length));
        return WasiErrno.Success;
    }

    private int ArgsSizesGet(Caller caller, int countPointer, int sizePointer) => SizesGet(caller, _arguments, countPointer, sizePointer);

    private int ArgsGet(Caller caller, int pointers, int buffer) => StringsGet(caller, _arguments, pointers, buffer);

    private int EnvironSizesGet(Caller caller, int countPointer, int sizePointer) => SizesGet(caller, _environment, countPointer, sizePointer);

    private int EnvironGet(Caller caller, int pointers, int buffer) => StringsGet(caller, _environment, pointers, buffer);
}
