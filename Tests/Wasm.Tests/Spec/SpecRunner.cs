using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace WasGo.Wasm.Tests.Spec;

/// <summary>
/// Runs one converted spec script against the engine: modules, register, actions and every assertion
/// kind. Text-format modules (<c>.wat</c> from <c>module quote</c>) go through our own text parser.
/// </summary>
internal sealed class SpecRunner
{
    private readonly string _directory;
    private readonly SpecResult _result;
    private readonly Engine _engine;
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Dictionary<string, Instance> _named = [];
    private readonly Dictionary<long, object> _hostReferences = [];
    private Instance? _current;

    private SpecRunner(string json, SpecResult result, Config config)
    {
        _engine = new Engine(config);
        _directory = Path.GetDirectoryName(json)!;
        _result = result;
        _store = new Store(_engine);
        _linker = new Linker(_engine) { AllowShadowing = true };
        DefineSpectest();
    }

    /// <summary>Runs one script; <paramref name="canonicalizeNaNs"/> runs it in determinism mode.</summary>
    public static SpecResult Run(string suite, string name, bool canonicalizeNaNs = false)
    {
        var result = new SpecResult(suite, name);
        var json = SpecConverter.Convert(suite, name);
        var config = new Config()
            .WithFeatures(suite == "core" ? WasmFeatures.None : WasmFeatures.All)
            .WithNaNCanonicalization(canonicalizeNaNs);
        var runner = new SpecRunner(json, result, config);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
            {
                runner.Execute(command);
            }
        }
        finally
        {
            runner._store.Dispose();
            runner._engine.Dispose();
        }

        return result;
    }

    private void DefineSpectest()
    {
        _linker.DefineFunction("spectest", "print", () => { });
        _linker.DefineFunction("spectest", "print_i32", (int _) => { });
        _linker.DefineFunction("spectest", "print_i64", (long _) => { });
        _linker.DefineFunction("spectest", "print_f32", (float _) => { });
        _linker.DefineFunction("spectest", "print_f64", (double _) => { });
        _linker.DefineFunction("spectest", "print_i32_f32", (int _, float _) => { });
        _linker.DefineFunction("spectest", "print_f64_f64", (double _, double _) => { });
        _linker.Define("spectest", "global_i32", new Global(_store, 666, mutable: false));
        _linker.Define("spectest", "global_i64", new Global(_store, 666L, mutable: false));
        _linker.Define("spectest", "global_f32", new Global(_store, 666.6f, mutable: false));
        _linker.Define("spectest", "global_f64", new Global(_store, 666.6, mutable: false));
        _linker.Define("spectest", "table", new Table(_store, ValueKind.FuncRef, 10, 20));
        _linker.Define("spectest", "memory", new Memory(_store, 1, 2));
    }

    private void Execute(JsonElement command)
    {
        var type = command.GetProperty("type").GetString()!;
        var line = command.GetProperty("line").GetInt32();
        try
        {
            switch (type)
            {
                case "module":
                    ExecuteModule(command, line);
                    break;
                case "register":
                    var instance = command.TryGetProperty("name", out var n) ? _named[n.GetString()!] : _current!;
                    _linker.DefineInstance(command.GetProperty("as").GetString()!, instance);
                    break;
                case "action":
                    Perform(command.GetProperty("action"));
                    _result.Passed++;
                    break;
                case "assert_return":
                    AssertReturn(command, line);
                    break;
                case "assert_trap" or "assert_exhaustion":
                    AssertTrap(command, line);
                    break;
                case "assert_invalid" or "assert_malformed":
                    AssertRejected(command, line);
                    break;
                case "assert_unlinkable":
                    AssertInstantiationFails<LinkException>(command, line);
                    break;
                case "assert_uninstantiable":
                    AssertInstantiationFails<TrapException>(command, line);
                    break;
                default:
                    _result.Skipped++;
                    break;
            }
        }
        catch (Exception e)
        {
            _result.Fail(line, $"{type}: unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private string? ModulePath(JsonElement command)
    {
        var file = command.GetProperty("filename").GetString()!;
        return file.EndsWith(".wasm", StringComparison.Ordinal) ? Path.Combine(_directory, file) : null;
    }

    private void ExecuteModule(JsonElement command, int line)
    {
        var path = ModulePath(command);
        if (path is null)
        {
            _result.Skipped++;
            return;
        }

        try
        {
            var module = Module.FromFile(_engine, path);
            _current = _linker.Instantiate(_store, module);
            if (command.TryGetProperty("name", out var name))
            {
                _named[name.GetString()!] = _current;
            }

            _result.Passed++;
        }
        catch (WasmException e)
        {
            _current = null;
            _result.Fail(line, $"module failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private ValueBox[] Perform(JsonElement action)
    {
        var instance = action.TryGetProperty("module", out var m) ? _named[m.GetString()!] : _current
            ?? throw new InvalidOperationException("no current module");
        var field = action.GetProperty("field").GetString()!;
        if (action.GetProperty("type").GetString() == "get")
        {
            var global = instance.GetGlobal(field) ?? throw new InvalidOperationException($"no global {field}");
            return [global.GetValue()];
        }

        var function = instance.GetFunction(field) ?? throw new InvalidOperationException($"no function {field}");
        var arguments = action.GetProperty("args").EnumerateArray().Select(ParseValue).ToArray();
        return function.InvokeRaw(arguments);
    }

    private void AssertReturn(JsonElement command, int line)
    {
        ValueBox[] results;
        try
        {
            results = Perform(command.GetProperty("action"));
        }
        catch (WasmException e)
        {
            _result.Fail(line, $"assert_return: {e.GetType().Name}: {e.Message}");
            return;
        }

        var expected = command.GetProperty("expected").EnumerateArray().ToArray();
        if (expected.Length != results.Length)
        {
            _result.Fail(line, $"assert_return: {results.Length} results, expected {expected.Length}");
            return;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!Matches(expected[i], results[i]))
            {
                _result.Fail(line, $"assert_return: result {i} is {Describe(results[i])}, expected {expected[i]}");
                return;
            }
        }

        _result.Passed++;
    }

    private void AssertTrap(JsonElement command, int line)
    {
        var text = command.GetProperty("text").GetString()!;
        try
        {
            Perform(command.GetProperty("action"));
            _result.Fail(line, $"expected trap '{text}', the call returned");
        }
        catch (TrapException e)
        {
            if (TrapMatches(e.Code, text))
            {
                _result.Passed++;
            }
            else
            {
                _result.Fail(line, $"expected trap '{text}', got {e.Code}");
            }
        }
    }

    private static bool TrapMatches(TrapCode code, string text)
    {
        var described = TrapException.Describe(code);
        return text.StartsWith(described, StringComparison.Ordinal) || described.StartsWith(text, StringComparison.Ordinal)
            || (code == TrapCode.CallStackExhausted && text.Contains("exhausted", StringComparison.Ordinal));
    }

    private void AssertRejected(JsonElement command, int line)
    {
        var path = ModulePath(command);
        if (path is null)
        {
            AssertTextRejected(command, line);
            return;
        }

        try
        {
            Module.FromFile(_engine, path);
            _result.Fail(line, $"{command.GetProperty("type").GetString()} '{command.GetProperty("text").GetString()}': the module was accepted");
        }
        catch (MalformedModuleException)
        {
            _result.Passed++;
        }
        catch (InvalidModuleException)
        {
            _result.Passed++;
        }
    }

    /// <summary>A text module of assert_malformed (from <c>module quote</c>) must not parse, or not decode/validate.</summary>
    private void AssertTextRejected(JsonElement command, int line)
    {
        var file = Path.Combine(_directory, command.GetProperty("filename").GetString()!);
        try
        {
            var bytes = WasGo.Wasm.Text.Wat.Parse(File.ReadAllText(file));
            Module.FromBytes(_engine, Path.GetFileName(file), bytes);
            _result.Fail(line, $"{command.GetProperty("type").GetString()} '{command.GetProperty("text").GetString()}': the text module was accepted");
        }
        catch (WasmException)
        {
            _result.Passed++;
        }
    }

    private void AssertInstantiationFails<TException>(JsonElement command, int line)
        where TException : WasmException
    {
        var path = ModulePath(command);
        if (path is null)
        {
            _result.Skipped++;
            return;
        }

        try
        {
            var module = Module.FromFile(_engine, path);
            _linker.Instantiate(_store, module);
            _result.Fail(line, $"{command.GetProperty("type").GetString()}: the module instantiated");
        }
        catch (TException)
        {
            _result.Passed++;
        }
        catch (WasmException e)
        {
            _result.Fail(line, $"{command.GetProperty("type").GetString()}: {e.GetType().Name}: {e.Message}");
        }
    }

    private object HostReference(long n)
    {
        if (!_hostReferences.TryGetValue(n, out var reference))
        {
            reference = new HostReference(n);
            _hostReferences[n] = reference;
        }

        return reference;
    }

    private ValueBox ParseValue(JsonElement value)
    {
        var type = value.GetProperty("type").GetString()!;
        var text = value.GetProperty("value").GetString()!;
        return type switch
        {
            "i32" => ValueBox.FromInt32((int)uint.Parse(text, CultureInfo.InvariantCulture)),
            "i64" => ValueBox.FromInt64((long)ulong.Parse(text, CultureInfo.InvariantCulture)),
            "f32" => ValueBox.FromSingleBits((int)uint.Parse(text, CultureInfo.InvariantCulture)),
            "f64" => ValueBox.FromDoubleBits((long)ulong.Parse(text, CultureInfo.InvariantCulture)),
            "externref" => ValueBox.FromExternRef(text == "null" ? null : HostReference(long.Parse(text, CultureInfo.InvariantCulture))),
            "funcref" when text == "null" => ValueBox.FromFuncRef(null),
            _ => throw new NotSupportedException($"value type {type}"),
        };
    }

    private bool Matches(JsonElement expected, ValueBox actual)
    {
        var type = expected.GetProperty("type").GetString()!;
        var hasValue = expected.TryGetProperty("value", out var v);
        var text = hasValue ? v.GetString()! : null;
        switch (type)
        {
            case "i32":
                return actual.Kind == ValueKind.Int32 && (uint)actual.ToBits() == uint.Parse(text!, CultureInfo.InvariantCulture);
            case "i64":
                return actual.Kind == ValueKind.Int64 && (ulong)actual.ToBits() == ulong.Parse(text!, CultureInfo.InvariantCulture);
            case "f32":
                {
                    if (actual.Kind != ValueKind.Float32)
                    {
                        return false;
                    }

                    var bits = (uint)actual.ToBits();
                    return text switch
                    {
                        "nan:canonical" => (bits & 0x7FFFFFFF) == 0x7FC00000,
                        "nan:arithmetic" => (bits & 0x7FC00000) == 0x7FC00000,
                        _ => bits == uint.Parse(text!, CultureInfo.InvariantCulture),
                    };
                }

            case "f64":
                {
                    if (actual.Kind != ValueKind.Float64)
                    {
                        return false;
                    }

                    var bits = (ulong)actual.ToBits();
                    return text switch
                    {
                        "nan:canonical" => (bits & 0x7FFFFFFFFFFFFFFF) == 0x7FF8000000000000,
                        "nan:arithmetic" => (bits & 0x7FF8000000000000) == 0x7FF8000000000000,
                        _ => bits == ulong.Parse(text!, CultureInfo.InvariantCulture),
                    };
                }

            case "externref":
                if (actual.Kind != ValueKind.ExternRef)
                {
                    return false;
                }

                return text is null ? actual.ToExternRef() is not null
                    : text == "null" ? actual.ToExternRef() is null
                    : ReferenceEquals(actual.ToExternRef(), HostReference(long.Parse(text, CultureInfo.InvariantCulture)));
            case "funcref":
                if (actual.Kind != ValueKind.FuncRef)
                {
                    return false;
                }

                return text == "null" ? actual.ToObject() is null : actual.ToObject() is not null;
            default:
                throw new NotSupportedException($"value type {type}");
        }
    }

    private static string Describe(ValueBox value) => value.Kind switch
    {
        ValueKind.Float32 or ValueKind.Float64 => $"{value.Kind}:{value.ToObject()} (bits {(ulong)value.ToBits():X})",
        _ => value.ToString(),
    };
}
