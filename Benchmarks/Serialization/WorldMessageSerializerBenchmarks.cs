using Akka.Actor;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WasGo.Actors.Serialization;
using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Benchmarks.Serialization;

/// <summary>
/// A world call with two arguments and its reply, written and read back (one operation is both)
/// by <see cref="WorldMessageSerializer"/> and by Akka's default JSON serializer (Newtonsoft), which
/// is what Akka would use for them without a binding, in the same run.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WorldMessageSerializerBenchmarks
{
    // An array, not a collection expression: the JSON serializer cannot make the compiler's
    // read-only list type back, and fails on such a call outright.
    private readonly WorldCall _call = new("npc-42", "move_to", new[] { ScriptValue.FromFloat(12.5), ScriptValue.FromString("north gate") });
    private readonly CallResult _result = CallResult.Success(ScriptValue.FromInteger(1234));

    private ActorSystem _system = null!;
    private NewtonSoftJsonSerializer _json = null!;
    private WorldMessageSerializer _binary = null!;
    private string _callManifest = null!;
    private string _resultManifest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("serializer-benchmark", BootstrapSetup.Create().And(WorldSerializerBindings.CreateSetup()));
        var extended = (ExtendedActorSystem)_system;
        _json = new NewtonSoftJsonSerializer(extended);
        _binary = new WorldMessageSerializer(extended);
        _callManifest = _binary.Manifest(_call);
        _resultManifest = _binary.Manifest(_result);

        // What each writes, and whether it comes back: the JSON serializer sees ScriptValue's public
        // properties (Kind, Length) only, not the value itself.
        var jsonCall = (WorldCall)_json.FromBinary(_json.ToBinary(_call), typeof(WorldCall));
        var jsonResult = (CallResult)_json.FromBinary(_json.ToBinary(_result), typeof(CallResult));
        Console.WriteLine($"// WorldCall: binary {_binary.ToBinary(_call).Length} B, JSON {_json.ToBinary(_call).Length} B, JSON arguments back equal: {jsonCall.Arguments.SequenceEqual(_call.Arguments)} ({string.Join(", ", jsonCall.Arguments)})");
        Console.WriteLine($"// CallResult: binary {_binary.ToBinary(_result).Length} B, JSON {_json.ToBinary(_result).Length} B, JSON value back equal: {jsonResult.Value == _result.Value} ({jsonResult.Value})");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("WorldCall")]
    public object WorldCallJson() => _json.FromBinary(_json.ToBinary(_call), typeof(WorldCall));

    [Benchmark]
    [BenchmarkCategory("WorldCall")]
    public object WorldCallBinary() => _binary.FromBinary(_binary.ToBinary(_call), _callManifest);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("CallResult")]
    public object CallResultJson() => _json.FromBinary(_json.ToBinary(_result), typeof(CallResult));

    [Benchmark]
    [BenchmarkCategory("CallResult")]
    public object CallResultBinary() => _binary.FromBinary(_binary.ToBinary(_result), _resultManifest);
}
