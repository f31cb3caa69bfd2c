using System.Globalization;

namespace WasGo.Persistence;

/// <summary>One step of the schema: a numbered SQL script embedded in this assembly under <c>migrations/{provider}/NNNN_name.sql</c>.</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>Loads the scripts of a provider, lowest version first.</summary>
    public static IReadOnlyList<MigrationScript> For(string provider)
    {
        var assembly = typeof(MigrationScript).Assembly;
        string prefix = $"migrations/{provider}/";
        var scripts = new List<MigrationScript>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            int version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            scripts.Add(new MigrationScript(version, name, reader.ReadToEnd()));
        }

        scripts.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }
}
