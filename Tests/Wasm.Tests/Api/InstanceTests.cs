using System;
using System.Linq;
using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Api;

public sealed class InstanceTests
{
    private const string Calculator = """
        (module
          (memory (export "memory") 1 4)
          (global $counter (export "counter") (mut i32) (i32.const 7))
          (global (export "pi") f64 (f64.const 3.25))
          (table (export "table") 2 funcref)
          (elem (i32.const 0) $add)
          (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
          (func (export "scale") (param f32 f64) (result f64) (f64.mul (f64.promote_f32 (local.get 0)) (local.get 1)))
          (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
          (func (export "bump") (global.set $counter (i32.add (global.get $counter) (i32.const 1))))
          (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
        """;

    [Fact]
    public void GetFunction_Should_ReturnTypedDelegate_ForMatchingSignature()
    {
        var instance = Wat.Instantiate(Calculator);

        instance.GetFunction<int, int, int>("add")!(2, 40).Should().Be(42);
        instance.GetFunction<long, long, long>("add64")!(long.MaxValue, 1).Should().Be(long.MinValue);
        instance.GetFunction<float, double, double>("scale")!(1.5f, 2.0).Should().Be(3.0);
    }

    [Fact]
    public void GetFunction_Should_ReturnNull_OnSignatureMismatchOrMissingExport()
    {
        var instance = Wat.Instantiate(Calculator);

        instance.GetFunction<long, long, long>("add").Should().BeNull();
        instance.GetFunction<int, int>("add").Should().BeNull();
        instance.GetAction("add").Should().BeNull();
        instance.GetFunction<int, int, int>("missing").Should().BeNull();
        instance.GetFunction<int, int, int>("memory").Should().BeNull();
    }

    [Fact]
    public void Wrap_Should_CreateDelegatesOfAnyArity_AndRejectMismatches()
    {
        var instance = Wat.Instantiate("""
            (module (func (export "sum5") (param i32 i64 f32 f64 i32) (result f64)
              (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))
                (f64.add (f64.add (f64.promote_f32 (local.get 2)) (local.get 3)) (f64.convert_i32_s (local.get 4))))))
            """);
        var function = instance.GetFunction("sum5")!;

        function.Wrap<Func<int, long, float, double, int, double>>()!(1, 2, 3.5f, 4.5, 5).Should().Be(16);
        function.Wrap<Func<int, long, float, double, int, float>>().Should().BeNull();
        function.Wrap<Action<int, long, float, double, int>>().Should().BeNull();
    }

    [Fact]
    public void Invoke_Should_ReturnBoxedResults_ForUntypedCalls()
    {
        var instance = Wat.Instantiate(Calculator);

        instance.GetFunction("add")!.Invoke(1, 2).Should().Be(3);
        instance.GetFunction("swap")!.Invoke(1, 2).Should().BeEquivalentTo(new object[] { 2, 1 });
        instance.GetFunction("bump")!.Invoke().Should().BeNull();
    }

    [Fact]
    public void Invoke_Should_RejectArgumentsOfTheWrongType()
    {
        var add = Wat.Instantiate(Calculator).GetFunction("add")!;

        var call = () => add.Invoke(1L, 2L);

        call.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Global_Should_ReflectWritesFromGuestAndHost()
    {
        var instance = Wat.Instantiate(Calculator);
        var counter = instance.GetGlobal("counter")!;

        instance.GetAction("bump")!();
        counter.GetValue().ToInt32().Should().Be(8);
        counter.SetValue(100);
        instance.GetAction("bump")!();
        counter.GetValue().ToInt32().Should().Be(101);
        instance.GetGlobal("pi")!.GetValue().ToDouble().Should().Be(3.25);
        var setImmutable = () => instance.GetGlobal("pi")!.SetValue(1.0);
        setImmutable.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Memory_Should_ShowGuestStores_AndGrow()
    {
        var instance = Wat.Instantiate(Calculator);
        var memory = instance.GetMemory("memory")!;

        instance.GetAction<int, int>("store")!(16, 0x01020304);
        memory.ReadInt32(16).Should().Be(0x01020304);
        memory.GetSpan(16, 4).ToArray().Should().Equal(4, 3, 2, 1);
        instance.GetFunction<int, int>("grow")!(2).Should().Be(1);
        memory.Size.Should().Be(3);
        memory.ReadInt32(16).Should().Be(0x01020304);
        instance.GetFunction<int, int>("grow")!(2).Should().Be(-1);
    }

    [Fact]
    public void Table_Should_ExposeFunctionsPlacedByElementSegments()
    {
        var instance = Wat.Instantiate(Calculator);
        var table = instance.GetTable("table")!;

        table.Size.Should().Be(2);
        var add = table.GetElement(0).Should().BeOfType<Function>().Subject;
        add.Invoke(20, 22).Should().Be(42);
        table.GetElement(1).Should().BeNull();
    }

    [Fact]
    public void Module_Should_ListImportsAndExports_WithTypes()
    {
        using var engine = new Engine();
        var module = Wat.Compile(engine, """
            (module
              (import "env" "log" (func (param i32)))
              (import "env" "mem" (memory 1 2))
              (func (export "run") (param i64) (result f32) (f32.const 1)))
            """);

        module.Imports.Select(i => (i.ModuleName, i.Name, i.Kind)).Should().Equal(("env", "log", ExternKind.Function), ("env", "mem", ExternKind.Memory));
        module.Imports[0].Type.Should().Be(new FunctionType([ValueKind.Int32], []));
        module.Imports[1].Type.Should().Be(new MemoryType(1, 2));
        var export = module.Exports.Single();
        export.Name.Should().Be("run");
        export.Type.Should().Be(new FunctionType([ValueKind.Int64], [ValueKind.Float32]));
    }

    [Fact]
    public void Linker_Should_ThrowLinkException_OnMissingOrMismatchedImport()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var module = Wat.Compile(engine, """(module (import "env" "f" (func (param i32))))""");
        var linker = new Linker(engine);

        var missing = () => linker.Instantiate(store, module);
        missing.Should().Throw<LinkException>().WithMessage("*env.f*");

        linker.DefineFunction("env", "f", (long _) => { });
        var mismatched = () => linker.Instantiate(store, module);
        mismatched.Should().Throw<LinkException>().WithMessage("*incompatible*");
    }

    [Fact]
    public void GetFunction_Should_ReturnTheSameDelegate_OnRepeatedLookups()
    {
        var instance = Wat.Instantiate(Calculator);

        instance.GetFunction<int, int, int>("add").Should().BeSameAs(instance.GetFunction<int, int, int>("add"));
    }

    [Fact]
    public void Linker_Should_RejectAModuleOfAnotherEngine()
    {
        using var engine = new Engine();
        using var other = new Engine();
        using var store = new Store(engine);
        var module = Wat.Compile(other, "(module)");

        var instantiate = () => new Linker(engine).Instantiate(store, module);

        instantiate.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Instances_Should_ShareImportedMemory_ThroughTheLinker()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        var memory = new Memory(store, 1);
        linker.Define("env", "memory", memory);
        var writer = linker.Instantiate(store, Wat.Compile(engine, """
            (module (import "env" "memory" (memory 1))
              (func (export "write") (param i32 i32) (i32.store (local.get 0) (local.get 1))))
            """));

        writer.GetAction<int, int>("write")!(8, 1234);

        memory.ReadInt32(8).Should().Be(1234);
    }
}
