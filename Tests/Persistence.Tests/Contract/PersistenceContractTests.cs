using FluentAssertions;

namespace WasGo.Persistence.Tests.Contract;

/// <summary>
/// What every persistence provider must do, run against each of them: content-addressed modules, a
/// world list in which an id is taken once, and migrations that any number of openers may run. The
/// journal and snapshots are Akka.Persistence.Sql's, tested by its own suite.
/// </summary>
public abstract class PersistenceContractTests : IAsyncLifetime
{
    private IPersistenceProvider? _provider;

    protected IPersistenceProvider Provider => _provider ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _provider = await OpenAsync();

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task Modules_Should_StoreBytesByContentHash_AndResolveNamesAndVersions()
    {
        string name = NewId();
        byte[] v1 = [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
        byte[] v2 = [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 1, 2];

        ModuleTag first = await Provider.Modules.PutAsync(name, "1.0", v1);
        ModuleTag second = await Provider.Modules.PutAsync(name, "2.0", v2);
        ModuleTag alias = await Provider.Modules.PutAsync(name + "-alias", "1.0", v1);

        first.Hash.Should().Be(ModuleHash.Of(v1)).And.HaveLength(64);
        alias.Hash.Should().Be(first.Hash);
        (await Provider.Modules.GetAsync(first.Hash)).Should().Equal(v1);
        (await Provider.Modules.GetAsync(ModuleHash.Of([9, 9]))).Should().BeNull();
        (await Provider.Modules.ResolveAsync(name))!.Version.Should().Be("2.0");
        (await Provider.Modules.ResolveAsync(name, "1.0"))!.Hash.Should().Be(first.Hash);
        (await Provider.Modules.ResolveAsync(name, "3.0")).Should().BeNull();
        (await Provider.Modules.ResolveAsync(name))!.Size.Should().Be(v2.Length);
        (await Provider.Modules.ListAsync()).Where(t => t.Name == name).Select(t => t.Version).Should().Equal("1.0", "2.0");
        second.Hash.Should().NotBe(first.Hash);
    }

    [Fact]
    public async Task Modules_Should_RefuseToPointAnExistingVersionAtOtherBytes()
    {
        string name = NewId();
        await Provider.Modules.PutAsync(name, "1.0", new byte[] { 1 });
        await Provider.Modules.PutAsync(name, "1.0", new byte[] { 1 }); // the same bytes again: fine

        Func<Task> redeploy = () => Provider.Modules.PutAsync(name, "1.0", new byte[] { 2 });

        (await redeploy.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(name).And.Contain("1.0");
        (await Provider.Modules.ResolveAsync(name, "1.0"))!.Hash.Should().Be(ModuleHash.Of([1]));
    }

    [Fact]
    public async Task Worlds_Should_ReturnWhatWasAdded_ByteForByte()
    {
        // Bytes at both ends of the range, a tick rate no decimal string round-trips short, a time with milliseconds.
        var world = new StoredWorld(NewId(), 1.0 / 3.0, [0x00, 0xff, 0x80, 0x7f, 0x01, 0x00], new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero));

        (await Provider.Worlds.TryAddAsync(world)).Should().BeTrue();

        StoredWorld found = (await Provider.Worlds.FindAsync(world.Id))!;
        found.Id.Should().Be(world.Id);
        BitConverter.DoubleToInt64Bits(found.TickRate).Should().Be(BitConverter.DoubleToInt64Bits(world.TickRate));
        found.TokenHash.Should().Equal(world.TokenHash);
        found.CreatedAt.Should().Be(world.CreatedAt);
        found.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
        (await Provider.Worlds.ListAsync()).Should().ContainSingle(w => w.Id == world.Id)
            .Which.TokenHash.Should().Equal(world.TokenHash);
        (await Provider.Worlds.FindAsync(NewId())).Should().BeNull();
    }

    [Fact]
    public async Task Worlds_Should_ListByIdInOrdinalOrder()
    {
        string prefix = NewId();
        // Ordinal puts upper case before lower and '-' before '_'; a locale's collation would not.
        string[] suffixes = ["b", "B", "a_", "a-", "A", "a"];
        foreach (string suffix in suffixes)
        {
            (await Provider.Worlds.TryAddAsync(World(prefix + suffix))).Should().BeTrue();
        }

        IReadOnlyList<StoredWorld> listed = await Provider.Worlds.ListAsync();

        listed.Select(w => w.Id).Where(id => id.StartsWith(prefix, StringComparison.Ordinal))
            .Should().Equal(suffixes.Select(s => prefix + s).Order(StringComparer.Ordinal));
        listed.Select(w => w.Id).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Worlds_Should_RefuseAnIdThatIsTaken_AndKeepTheFirstWorld()
    {
        StoredWorld first = World(NewId(), 20);

        (await Provider.Worlds.TryAddAsync(first)).Should().BeTrue();
        (await Provider.Worlds.TryAddAsync(World(first.Id, 60))).Should().BeFalse();

        (await Provider.Worlds.FindAsync(first.Id))!.TickRate.Should().Be(20);
        (await Provider.Worlds.ListAsync()).Count(w => w.Id == first.Id).Should().Be(1);
    }

    [Fact]
    public async Task Worlds_Should_LetExactlyOneOfManyConcurrentAddsOfOneIdWin()
    {
        string id = NewId();
        Task<bool>[] adds = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Provider.Worlds.TryAddAsync(World(id, i + 1))))
            .ToArray();

        bool[] added = await Task.WhenAll(adds);

        added.Count(a => a).Should().Be(1);
        int winner = Array.IndexOf(added, true);
        (await Provider.Worlds.FindAsync(id))!.TickRate.Should().Be(winner + 1);
    }

    [Fact]
    public async Task Worlds_Should_LetExactlyOneOfTwoDatabaseClientsAddingOneIdWin()
    {
        // Two providers on one database are two writers, as two cluster nodes are: neither's batch sees the other's.
        await using IPersistenceProvider other = await OpenAsync();
        string[] ids = [.. Enumerable.Range(0, 50).Select(_ => NewId())];

        bool[][] added = await Task.WhenAll(
            Task.WhenAll(ids.Select(id => Provider.Worlds.TryAddAsync(World(id, 1)))),
            Task.WhenAll(ids.Select(id => other.Worlds.TryAddAsync(World(id, 2)))));

        for (int i = 0; i < ids.Length; i++)
        {
            (added[0][i] ^ added[1][i]).Should().BeTrue($"exactly one writer of {ids[i]} wins");
            (await other.Worlds.FindAsync(ids[i]))!.TickRate.Should().Be(added[0][i] ? 1 : 2);
        }
    }

    [Fact]
    public async Task Provider_Should_RejectBadArguments_NamingTheArgument()
    {
        await FluentActions.Awaiting(() => Provider.Modules.PutAsync("", "1.0", new byte[] { 1 })).Should().ThrowAsync<ArgumentException>().WithParameterName("name");
        await FluentActions.Awaiting(() => Provider.Modules.PutAsync("m", "", new byte[] { 1 })).Should().ThrowAsync<ArgumentException>().WithParameterName("version");
        await FluentActions.Awaiting(() => Provider.Modules.GetAsync("")).Should().ThrowAsync<ArgumentException>().WithParameterName("hash");
        await FluentActions.Awaiting(() => Provider.Modules.ResolveAsync("")).Should().ThrowAsync<ArgumentException>().WithParameterName("name");
        await FluentActions.Awaiting(() => Provider.Worlds.TryAddAsync(null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("world");
        await FluentActions.Awaiting(() => Provider.Worlds.TryAddAsync(World(""))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Provider.Worlds.TryAddAsync(World(NewId()) with { TokenHash = null! })).Should().ThrowAsync<ArgumentNullException>();
        (await FluentActions.Awaiting(() => Provider.Worlds.TryAddAsync(World("nan", double.NaN))).Should().ThrowAsync<ArgumentOutOfRangeException>())
            .Which.Message.Should().Contain("'nan'").And.Contain("finite");
        await FluentActions.Awaiting(() => Provider.Worlds.FindAsync("")).Should().ThrowAsync<ArgumentException>().WithParameterName("id");
    }

    [Fact]
    public async Task Migrations_Should_BeSafeToRunAgain_AndFromTwoOpenersAtOnce()
    {
        // The fixture's provider was the first opener: what it wrote must outlive the openings that follow.
        StoredWorld before = World(NewId());
        (await Provider.Worlds.TryAddAsync(before)).Should().BeTrue();

        IPersistenceProvider[] reopened = await Task.WhenAll(OpenAsync(), OpenAsync());
        try
        {
            (await reopened[1].Worlds.FindAsync(before.Id)).Should().NotBeNull();
            string name = NewId();
            ModuleTag put = await reopened[0].Modules.PutAsync(name, "1.0", new byte[] { 1, 2 });
            (await reopened[1].Modules.ResolveAsync(name))!.Hash.Should().Be(put.Hash);
            string id = NewId();
            (await reopened[0].Worlds.TryAddAsync(World(id))).Should().BeTrue();
            (await reopened[1].Worlds.FindAsync(id)).Should().NotBeNull();
        }
        finally
        {
            foreach (IPersistenceProvider provider in reopened)
            {
                await provider.DisposeAsync();
            }
        }
    }

    /// <summary>Opens the provider under test on the database this test class uses (the same one on every call).</summary>
    protected abstract Task<IPersistenceProvider> OpenAsync();

    protected static string NewId() => "test-" + Guid.NewGuid().ToString("N");

    private static StoredWorld World(string id, double tickRate = 20) => new(id, tickRate, [1, 2, 3], DateTimeOffset.UnixEpoch);
}
