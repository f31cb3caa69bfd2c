using System;
using System.Collections.Concurrent;
using System.Reflection;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Compilation;

/// <summary>Finds the runtime helper named after an opcode (e.g. <c>NumericOps.I32DivS</c>), cached.</summary>
internal static class HelperCache
{
    private static readonly ConcurrentDictionary<(Type, Opcode), MethodInfo> s_methods = new();

    public static MethodInfo Get(Type helpers, Opcode op) =>
        s_methods.GetOrAdd((helpers, op), static key => RuntimeMembers.Method(key.Item1, key.Item2.ToString()));
}
