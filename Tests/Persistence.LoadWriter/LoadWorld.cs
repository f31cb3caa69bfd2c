using System.Text;

namespace WasGo.Persistence.LoadWriter;

/// <summary>
/// The world the load writer adds under an id, so that whoever reads the database afterwards can
/// tell a whole row from a torn one: its token hash spells the id, padded to span more than a few
/// bytes of the page.
/// </summary>
public static class LoadWorld
{
    /// <summary>The world stored under <paramref name="id"/>.</summary>
    /// <param name="id">The world's id.</param>
    /// <returns>The world, the same on every call.</returns>
    public static StoredWorld For(string id) =>
        new(id, 20, Encoding.UTF8.GetBytes($"{id}:" + new string('x', 200)), DateTimeOffset.UnixEpoch);
}
