using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using FluentAssertions;
using WasGo.Wasm.Text;

namespace WasGo.Wasm.Tests.Text;

/// <summary>
/// Mutated spec modules (characters deleted, duplicated and inserted, or tokens swapped; a fixed seed) either parse or fail with a
/// <see cref="WatException"/>: no other exception, and bounded time.
/// </summary>
public sealed class WatFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] s_snippets =
    [
        "(", ")", "((", "))", "\"", "\\", "$", "$x", ";;", "(;", ";)", "0x", "-", "+", "_", ".", "e", "p", "nan:0x", "inf",
        "block", "loop", "if", "then", "else", "end", "br 0", "br_table", "(then)", "(else)", "(result i32)", "(param i32)",
        "(type 0)", "(type $t)", "i32.const", "f32.const", "f64.const 0x1p-1074", "offset=", "align=", "\\u{", "\\ff", "\u00e9",
        "(elem", "(data", "(table", "(memory", "(import \"a\" \"b\"", "(export \"x\")", "declare", "func", "funcref", "item",
        "4294967296", "-0x8000_0000", "1e400", "0x1.fffffep127", "18446744073709551616", "select", "call_indirect",
    ];

    [Fact]
    public void Parse_Should_OnlyThrowWatException_OnMutatedSpecModules()
    {
        var sources = SpecTextModules.ShorterThan(20_000);
        var random = new Random(20261122);
        var crashes = new List<string>();
        int parsed = 0, rejected = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20_000; i++)
        {
            var source = sources[random.Next(sources.Length)];
            var text = i % 2 == 0 ? Mutate(source, random) : TokenMutator.Mutate(source, random);
            try
            {
                Wat.Parse(text);
                parsed++;
            }
            catch (WatException e)
            {
                rejected++;
                e.Line.Should().BeGreaterThan(0, e.Message);
                e.Column.Should().BeGreaterThan(0, e.Message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                crashes.Add($"{e.GetType().Name}: {e.Message} on:\n{text}\n{e.StackTrace}");
            }
        }

        output.WriteLine($"{parsed} parsed, {rejected} rejected in {watch.Elapsed.TotalMilliseconds:F0} ms");
        crashes.Should().BeEmpty($"the parser must only throw WatException ({parsed} parsed, {rejected} rejected)");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    private static string Mutate(string source, Random random)
    {
        var text = new StringBuilder(source);
        var count = random.Next(1, 4);
        for (var m = 0; m < count; m++)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    text.Remove(Math.Min(at, text.Length), Math.Min(random.Next(1, 20), text.Length - Math.Min(at, text.Length)));
                    break;
                case 1:
                {
                    var start = random.Next(text.Length);
                    var length = Math.Min(random.Next(1, 40), text.Length - start);
                    text.Insert(at, text.ToString(start, length));
                    break;
                }

                case 2:
                    text.Insert(at, " " + s_snippets[random.Next(s_snippets.Length)] + " ");
                    break;
                default:
                    text.Insert(at, s_snippets[random.Next(s_snippets.Length)]);
                    break;
            }
        }

        return text.ToString();
    }
}
