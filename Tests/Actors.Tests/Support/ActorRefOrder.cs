namespace WasGo.Actors.Tests.Support;

/// <summary>
/// Puts references in path order, so that sets of actors can be compared with <c>Equal</c> (identity),
/// not <c>BeEquivalentTo</c> (which would walk each reference's members and is quadratic).
/// </summary>
internal static class ActorRefOrder
{
    public static IActorRef[] ByPath(this IEnumerable<IActorRef> refs) =>
        [.. refs.OrderBy(r => r.Path.ToString(), StringComparer.Ordinal)];
}
