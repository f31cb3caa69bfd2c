using System.Globalization;
using FluentAssertions;

namespace WasGo.Host.Tests.Http;

/// <summary>Reads a scrape of <c>/metrics</c>: the exporter adds labels of its own (<c>otel_scope_name</c>), so series are found by name and by a label they carry.</summary>
internal static class PrometheusText
{
    /// <summary>The value of the one series of <paramref name="name"/> whose labels contain <paramref name="label"/> (<c>kind="given-up"</c>), asserting there is exactly one.</summary>
    public static double Value(string text, string name, string label = "")
    {
        string[] lines = [.. text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal)).Where(l => l.Contains(label, StringComparison.Ordinal))];
        lines.Should().ContainSingle($"one series of {name} {label} is exported");
        return double.Parse(lines[0][(lines[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
