using System;
using System.Collections.Generic;
using FluentAssertions;
using WasGo.Wasm.Text;
using Xunit.Abstractions;

namespace WasGo.Wasm.Tests.Text;

/// <summary>
/// Spec modules mutated at the token level (a form dropped or doubled, a number or keyword swapped; fixed seed),
/// converted by both parsers: whenever both accept, the bytes are identical. Cases only one side accepts are reported
/// (wat2wasm 1.0.32 rejects some spec-legal forms, such as a folded 'if' with several condition instructions, and
/// accepts some the spec calls malformed, such as '(elem (table 0) func $f)' without an offset).
/// </summary>
public sealed class WatDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Parse_Should_MatchWat2Wasm_WheneverBothAcceptAMutatedModule()
    {
        var sources = SpecTextModules.ShorterThan(3_000);
        var random = new Random(4);
        var differences = new List<string>();
        int both = 0, oursOnly = 0, theirsOnly = 0;
        for (var i = 0; i < 1_500; i++)
        {
            var text = TokenMutator.Mutate(sources[random.Next(sources.Length)], random);
            byte[]? ours = null;
            string? ourError = null;
            try
            {
                ours = Wat.Parse(text);
            }
            catch (WatException e)
            {
                ourError = e.Message;
            }

            var theirs = Wat2Wasm.Convert(text, "--no-check", out var errors);
            if (ours is not null && theirs is not null)
            {
                both++;
                if (!ours.AsSpan().SequenceEqual(theirs))
                {
                    differences.Add(text);
                }
            }
            else if (ours is not null)
            {
                oursOnly++;
                output.WriteLine($"only we accept (wat2wasm: {errors.Split('\n')[0]}):\n{text}\n");
            }
            else if (theirs is not null)
            {
                theirsOnly++;
                output.WriteLine($"only wat2wasm accepts (we: {ourError}):\n{text}\n");
            }
        }

        output.WriteLine($"both accepted {both}, only we {oursOnly}, only wat2wasm {theirsOnly}");
        differences.Should().BeEmpty();
        both.Should().BeGreaterThan(100);
    }
}
