using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using WasGo.Wasm.Tests.Spec;
using WasGo.Wasm.Text;
using WasGo.Wasm.Text.Script;

namespace WasGo.Wasm.Tests.Text;

/// <summary>Converts every text module of one spec .wast file with our parser and with wat2wasm, and compares.</summary>
internal sealed class WatConformance
{
    /// <summary>Text modules compared (wat2wasm accepted them).</summary>
    public int Compared { get; private set; }

    /// <summary>Byte-identical outputs.</summary>
    public int Identical { get; private set; }

    /// <summary>Modules wat2wasm rejected (not compared).</summary>
    public int RejectedByWabt { get; private set; }

    /// <summary>Valid modules that the engine loaded.</summary>
    public int Loaded { get; private set; }

    public List<string> Problems { get; } = [];

    /// <summary>Text modules of assert_malformed (module quote ...) commands.</summary>
    public int Malformed { get; private set; }

    /// <summary>Of those, the ones our parser rejected with a <see cref="WatException"/>.</summary>
    public int MalformedRejected { get; private set; }

    /// <summary>assert_malformed text modules our parser accepted.</summary>
    public List<string> MalformedAccepted { get; } = [];

    public static WatConformance Run(string suite, string name)
    {
        var result = new WatConformance();
        var path = Path.Combine(SpecPaths.SpecRoot, suite, name + ".wast");
        var text = File.ReadAllText(path, Encoding.UTF8);
        var features = suite == "core" ? WasmFeatures.None : WasmFeatures.All;
        var engine = new Engine(new Config().WithFeatures(features));
        foreach (var command in WastScript.Read(text))
        {
            if (command is { Name: "assert_malformed", Module.Kind: WastModuleKind.Quote })
            {
                result.CheckMalformed(suite, name, command);
                continue;
            }

            if (command.Module is not { Kind: WastModuleKind.Text } module
                || command.Name is not ("module" or "assert_invalid" or "assert_unlinkable" or "assert_uninstantiable" or "assert_trap"))
            {
                continue;
            }

            var valid = command.Name != "assert_invalid";
            var flags = (suite == "core" ? Wat2Wasm.MvpFlags : string.Empty) + (valid ? string.Empty : " --no-check");
            var expected = Wat2Wasm.Convert(module.Source, flags, out _);
            if (expected is null)
            {
                result.RejectedByWabt++;
                continue;
            }

            result.Compared++;
            var where = $"{suite}/{name}.wast:{module.Line} ({command.Name})";
            byte[] actual;
            try
            {
                actual = Wat.Parse(module.Source);
            }
            catch (WatException e)
            {
                result.Problems.Add($"{where}: our parser failed: {e.Message}");
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                result.Problems.Add($"{where}: our parser crashed: {e}");
                continue;
            }

            var offset = FirstDifference(expected, actual);
            if (offset >= 0)
            {
                result.Problems.Add(
                    $"{where}: differs at byte offset {offset} (wat2wasm {expected.Length} bytes, ours {actual.Length}): " +
                    $"wat2wasm {Hex(expected, offset)} / ours {Hex(actual, offset)}");
                continue;
            }

            result.Identical++;
            if (valid)
            {
                try
                {
                    Module.FromBytes(engine, $"{name}:{module.Line}", actual);
                    result.Loaded++;
                }
                catch (WasmException e)
                {
                    result.Problems.Add($"{where}: the engine does not load our output: {e.Message}");
                }
            }
        }

        return result;
    }

    private void CheckMalformed(string suite, string name, WastCommand command)
    {
        Malformed++;
        try
        {
            Wat.Parse(command.Module!.Source);
            MalformedAccepted.Add($"{suite}/{name}.wast:{command.Line}: accepted, expected \"{command.Text}\"");
        }
        catch (WatException)
        {
            MalformedRejected++;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Problems.Add($"{suite}/{name}.wast:{command.Line} (assert_malformed): our parser crashed: {e}");
        }
    }

    public override string ToString() =>
        $"{Identical}/{Compared} identical, {RejectedByWabt} rejected by wat2wasm, {Loaded} loaded, {Problems.Count} problems; " +
        $"malformed text rejected {MalformedRejected}/{Malformed}";

    private static int FirstDifference(byte[] expected, byte[] actual)
    {
        var length = Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < length; i++)
        {
            if (expected[i] != actual[i])
            {
                return i;
            }
        }

        return expected.Length == actual.Length ? -1 : length;
    }

    private static string Hex(byte[] bytes, int offset) =>
        offset >= bytes.Length ? "(end)" : Convert.ToHexString(bytes, offset, Math.Min(12, bytes.Length - offset));
}
