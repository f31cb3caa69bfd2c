using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace WasGo.Wasm;

/// <summary>A wasm function that was on the stack when a trap happened.</summary>
/// <param name="ModuleName">The name the module was created with.</param>
/// <param name="FunctionIndex">The function's index in the module's function index space.</param>
/// <param name="FunctionName">The function's name from the module's "name" section, if it has one.</param>
public sealed record TrapFrame(string ModuleName, int FunctionIndex, string? FunctionName)
{
    private const string TypePrefix = "wasm:";

    /// <inheritdoc/>
    public override string ToString() =>
        FunctionName is null ? $"{ModuleName}!f{FunctionIndex}" : $"{ModuleName}!{FunctionName} (f{FunctionIndex})";

    internal static string TypeName(string moduleName) => TypePrefix + Sanitize(moduleName);

    internal static string MethodName(int index, string? name) =>
        name is null ? $"f{index}" : $"f{index}:{Sanitize(name)}";

    /// <summary>Wasm frames of an exception's stack trace, innermost first (frames the JIT inlined are missing).</summary>
    internal static IReadOnlyList<TrapFrame> FromException(Exception exception)
    {
        var frames = new List<TrapFrame>();
        foreach (var frame in new StackTrace(exception, false).GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            if (type is null || type.Name is not { } typeName || !typeName.StartsWith(TypePrefix, StringComparison.Ordinal) || method!.Name[0] != 'f')
            {
                continue;
            }

            var separator = method.Name.IndexOf(':', StringComparison.Ordinal);
            var digits = separator < 0 ? method.Name[1..] : method.Name[1..separator];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                frames.Add(new TrapFrame(typeName[TypePrefix.Length..], index, separator < 0 ? null : method.Name[(separator + 1)..]));
            }
        }

        return frames;
    }

    /// <summary>Keeps names printable and short enough for metadata.</summary>
    private static string Sanitize(string name)
    {
        var text = new StringBuilder(Math.Min(name.Length, 200));
        foreach (var c in name.Take(200))
        {
            text.Append(char.IsControl(c) || c is '.' or '/' or '\\' or '+' or ',' or '[' or ']' or '&' or '*' or '`' ? '_' : c);
        }

        return text.Length == 0 ? "_" : text.ToString();
    }
}
