using System.Diagnostics;
using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Actors.Tests.Serialization;

/// <summary>One of each world message, with the values that are hardest to carry exactly, and the manifest each must have.</summary>
internal static class SampleWorldMessages
{
    /// <summary>A quiet NaN with a payload, which a decimal text form would lose.</summary>
    public const long NaNWithPayload = 0x7FF8_0000_DEAD_BEEF;

    public static ScriptValue[] AwkwardValues { get; } =
    [
        ScriptValue.Nil,
        ScriptValue.FromInteger(long.MinValue),
        ScriptValue.FromFloat(-0.0),
        ScriptValue.FromFloat(BitConverter.Int64BitsToDouble(NaNWithPayload)),
        ScriptValue.FromFloat(double.Epsilon),
        ScriptValue.FromString("grüße, 世界 🐉"),
        ScriptValue.FromUtf8([0xFF, 0xC3]), // a string that is not valid UTF-8: a script's text is whatever it wrote
        ScriptValue.FromString(""),
        ScriptValue.FromBytes([0, 1, 2, 255]),
        ScriptValue.FromBytes([]),
    ];

    public static WorldCall Call { get; } = new("ëntity-猫", "bump", AwkwardValues);

    public static WorldTicked Ticked { get; } = new(
        "wörld",
        42,
        "ab12",
        [new EntitySignal("wörld", "e1", "rang", [ScriptValue.FromInteger(2), ScriptValue.FromFloat(-0.0)]), new EntitySignal("wörld", "e2", "quiet", [])],
        Recovered: true,
        GivenUp: [("e1", "trapped: unreachable"), ("e3", "out of fuel")]);

    public static WorldStatus Status { get; } = new(
        "wörld",
        7,
        "cd34",
        new Dictionary<string, IReadOnlyDictionary<string, ScriptValue>>(StringComparer.Ordinal)
        {
            ["e1"] = new Dictionary<string, ScriptValue>(StringComparer.Ordinal) { ["nan"] = AwkwardValues[3], ["name"] = AwkwardValues[5], ["blob"] = AwkwardValues[8] },
            ["e2"] = new Dictionary<string, ScriptValue>(StringComparer.Ordinal),
        },
        BitConverter.Int64BitsToDouble(NaNWithPayload),
        new Dictionary<string, string>(StringComparer.Ordinal) { ["e1"] = "ab12", ["e2"] = "cd34" });

    /// <summary>Each message with its manifest.</summary>
    public static TheoryData<string, object> WithManifests { get; } = new()
    {
        { "ws", new WorldSpawn("e1", "counter") },
        { "wc", Call },
        { "wd", new WorldDespawn("e1") },
        { "wr", new WorldSetTickRate(-0.0) },
        { "ii", new IdempotentInput("key-1", Call) },
        { "ti", new TracedInput(new ActivityContext(ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"), ActivitySpanId.CreateFromString("b7ad6b7169203331"), ActivityTraceFlags.Recorded, "vendor=1", isRemote: true), new IdempotentInput("key-1", Call)) },
        { "gs", GetWorldStatus.Instance },
        { "cw", CheckpointWorld.Instance },
        { "cr", CallResult.Success(ScriptValue.FromFloat(BitConverter.Int64BitsToDouble(NaNWithPayload))) },
        { "s2", Status },
        { "ck", new WorldCheckpointed(long.MaxValue, "ef56") },
        { "wt", Ticked },
        { "fi", new FollowWorldInputs(From: 4097) },
        { "iw", GetWorldInputWindow.Instance },
        { "if", new WorldInputFrame([0x54, 1, 2, 3]) },
        { "gm", GetWorldModules.Instance },
        { "wm", new WorldModules(["ab12", "cd34"]) },
    };

    public static IEnumerable<object> All => WithManifests.Select(static row => row[1]);
}
