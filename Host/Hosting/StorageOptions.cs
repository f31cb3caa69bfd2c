namespace WasGo.Host.Hosting;

/// <summary>Where a single-node host keeps its data (<c>WasGo:Storage</c>).</summary>
internal sealed class StorageOptions
{
    /// <summary>The folder of the embedded database; relative paths start at the working directory. Default <c>data</c>.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>The database file's name inside <see cref="DataPath"/>.</summary>
    public const string DatabaseFile = "wasgo.db";

    /// <summary>Gets the embedded database's full path.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataPath, DatabaseFile));
}
