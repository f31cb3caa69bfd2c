using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Limits;

/// <summary>The per-store resource limiter: memory and table sizes, and instance, memory and table counts.</summary>
public sealed class StoreLimitsTests : IDisposable
{
    private const string Growing = """
        (module
          (memory 1)
          (table 0 externref)
          (func (export "grow_memory") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "grow_table") (param i32) (result i32) (table.grow 0 (ref.null extern) (local.get 0))))
        """;

    private readonly Engine _engine = new();
    private readonly Store _store;

    public StoreLimitsTests() => _store = new Store(_engine);

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void MemoryGrow_Should_ReturnMinusOne_PastTheStoresMemorySize()
    {
        _store.SetLimits(new StoreLimits { MemorySize = 4 * 65536 });
        var grow = Instantiate(Growing).GetFunction<int, int>("grow_memory")!;

        grow(3).Should().Be(1);
        grow(1).Should().Be(-1);
        grow(0).Should().Be(4, "a refused grow leaves the memory as it was");
    }

    [Fact]
    public void MemoryGrow_Should_Trap_PastTheLimit_WhenTrapOnGrowFailureIsSet()
    {
        _store.SetLimits(new StoreLimits { MemorySize = 2 * 65536, TrapOnGrowFailure = true });
        var grow = Instantiate(Growing).GetFunction<int, int>("grow_memory")!;

        grow(1).Should().Be(1);
        var past = () => grow(1);

        past.Should().Throw<TrapException>().Where(e => e.Code == TrapCode.ResourceLimitExceeded)
            .WithMessage("*3 pages*limit of 2 pages*");
        grow(0).Should().Be(2);
    }

    [Fact]
    public void TableGrow_Should_ReturnMinusOne_OrTrap_PastTheStoresTableElements()
    {
        _store.SetLimits(new StoreLimits { TableElements = 100 });
        var grow = Instantiate(Growing).GetFunction<int, int>("grow_table")!;
        grow(100).Should().Be(0);
        grow(1).Should().Be(-1);

        using var trapping = new Store(_engine);
        trapping.SetLimits(new StoreLimits { TableElements = 100, TrapOnGrowFailure = true });
        var growTrapping = new Linker(_engine).Instantiate(trapping, Wat.Compile(_engine, Growing)).GetFunction<int, int>("grow_table")!;
        var past = () => growTrapping(101);
        past.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.ResourceLimitExceeded);
    }

    [Fact]
    public void Instantiate_Should_Refuse_OneInstanceTooMany_AndKeepTheOthersWorking()
    {
        _store.SetLimits(new StoreLimits { Instances = 3 });
        var module = Wat.Compile(_engine, "(module (func (export \"answer\") (result i32) (i32.const 42)))");
        var linker = new Linker(_engine);
        var instances = Enumerable.Range(0, 3).Select(_ => linker.Instantiate(_store, module)).ToList();

        var oneMore = () => linker.Instantiate(_store, module);

        oneMore.Should().Throw<TrapException>().Where(e => e.Code == TrapCode.ResourceLimitExceeded).WithMessage("*3 instances*");
        instances.Should().AllSatisfy(i => i.GetFunction<int>("answer")!().Should().Be(42));
    }

    [Fact]
    public void Instantiate_Should_Refuse_AMemoryOrTableBeyondTheCountLimits()
    {
        _store.SetLimits(new StoreLimits { Memories = 1, Tables = 0 });
        _ = new Memory(_store, 1);

        var memoryTooMany = () => Instantiate("(module (memory 1))");
        var tableTooMany = () => Instantiate("(module (table 1 funcref))");

        memoryTooMany.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.ResourceLimitExceeded);
        tableTooMany.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.ResourceLimitExceeded);
        Instantiate("(module (func (export \"f\")))").GetAction("f")!();
    }

    [Fact]
    public void Instantiate_Should_Refuse_AMemoryWhoseMinimumIsPastTheStoresMemorySize()
    {
        _store.SetLimits(new StoreLimits { MemorySize = 65536 });

        var tooBig = () => Instantiate("(module (memory 2))");

        tooBig.Should().Throw<WasmException>().WithMessage("*2 pages*limit of 1 pages*");
    }

    [Fact]
    public void SetLimits_Should_RefuseNegativeLimits()
    {
        var negative = () => _store.SetLimits(new StoreLimits { Instances = -1 });

        negative.Should().Throw<ArgumentOutOfRangeException>();
        _store.Limits.Should().Be(StoreLimits.None);
    }

    private Instance Instantiate(string wat) => new Linker(_engine).Instantiate(_store, Wat.Compile(_engine, wat));
}
