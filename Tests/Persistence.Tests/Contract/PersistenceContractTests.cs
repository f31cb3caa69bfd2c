using System.Text;
using FluentAssertions;

namespace WasGo.Persistence.Tests.Contract;

/// <summary>
/// What every persistence provider must do, run against each of them: optimistic concurrency and
/// fencing on durable state, a gap-free journal, snapshot selection, content-addressed modules, a
/// world list in which an id is taken once.
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
    public async Task DurableState_Should_ReturnNull_ForAnUnknownId()
    {
        (await Provider.DurableState.GetAsync(NewId())).Should().BeNull();
    }

    [Fact]
    public async Task DurableState_Should_StoreEachRevision_AndReturnTheLatest()
    {
        string id = NewId();
        await Provider.DurableState.UpsertAsync(id, 1, Bytes("one"), "m1");
        await Provider.DurableState.UpsertAsync(id, 2, Bytes("two"), "m2");

        DurableStateRecord? record = await Provider.DurableState.GetAsync(id);

        record.Should().NotBeNull();
        record!.Revision.Should().Be(2);
        Text(record.Payload).Should().Be("two");
        record.Manifest.Should().Be("m2");
    }

    [Theory]
    [InlineData(1)] // creating a row that exists
    [InlineData(2)] // writing the stored revision again
    [InlineData(4)] // skipping a revision
    public async Task DurableState_Should_RefuseARevisionThatDoesNotFollowTheStoredOne(long revision)
    {
        string id = NewId();
        await Provider.DurableState.UpsertAsync(id, 1, Bytes("one"));
        await Provider.DurableState.UpsertAsync(id, 2, Bytes("two"));

        Func<Task> stale = () => Provider.DurableState.UpsertAsync(id, revision, Bytes("stale"));

        (await stale.Should().ThrowAsync<DurableStateConcurrencyException>()).Which.Message.Should().Contain(id);
        Text((await Provider.DurableState.GetAsync(id))!.Payload).Should().Be("two");
    }

    [Fact]
    public async Task DurableState_Should_RefuseAFirstWriteAboveRevisionOne()
    {
        string id = NewId();
        Func<Task> write = () => Provider.DurableState.UpsertAsync(id, 5, Bytes("x"));
        await write.Should().ThrowAsync<DurableStateConcurrencyException>();
        (await Provider.DurableState.GetAsync(id)).Should().BeNull();
    }

    [Fact]
    public async Task DurableState_Should_LetExactlyOneOfManyConcurrentWritersOfTheSameRevisionWin()
    {
        string id = NewId();
        await Provider.DurableState.UpsertAsync(id, 1, Bytes("start"));

        Task[] writers = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Provider.DurableState.UpsertAsync(id, 2, Bytes("writer " + i))))
            .ToArray();
        await Task.WhenAll(writers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        writers.Count(w => w.IsCompletedSuccessfully).Should().Be(1);
        writers.Where(w => w.IsFaulted).Should().AllSatisfy(w => w.Exception!.InnerException.Should().BeOfType<DurableStateConcurrencyException>());
        DurableStateRecord stored = (await Provider.DurableState.GetAsync(id))!;
        stored.Revision.Should().Be(2);
        int winner = Array.FindIndex(writers, w => w.IsCompletedSuccessfully);
        Text(stored.Payload).Should().Be("writer " + winner);
    }

    [Fact]
    public async Task DurableState_Should_CommitManyConcurrentWritesAndRefuseOnlyTheStaleOnes()
    {
        string prefix = NewId();
        var writes = new List<Task>();
        for (int i = 0; i < 2_000; i++)
        {
            writes.Add(Provider.DurableState.UpsertAsync($"{prefix}-{i}", 1, Bytes("v" + i)));
        }

        // Stale writes mixed into the same batches must not take the good ones down with them.
        Task stale = Provider.DurableState.UpsertAsync($"{prefix}-missing", 7, Bytes("stale"));
        await Task.WhenAll(writes);
        await FluentActions.Awaiting(() => stale).Should().ThrowAsync<DurableStateConcurrencyException>();

        for (int i = 0; i < 2_000; i += 97)
        {
            Text((await Provider.DurableState.GetAsync($"{prefix}-{i}"))!.Payload).Should().Be("v" + i);
        }
    }

    [Fact]
    public async Task DurableState_Should_ApplySuccessiveRevisionsOfOneIdInOrder_WhenTheyShareABatch()
    {
        string id = NewId();
        Task[] writes = Enumerable.Range(1, 50).Select(revision => Provider.DurableState.UpsertAsync(id, revision, Bytes("r" + revision))).ToArray();

        await Task.WhenAll(writes);

        DurableStateRecord stored = (await Provider.DurableState.GetAsync(id))!;
        stored.Revision.Should().Be(50);
        Text(stored.Payload).Should().Be("r50");
    }

    [Fact]
    public async Task DurableState_Should_DeleteOnlyAtTheStoredRevision()
    {
        string id = NewId();
        await Provider.DurableState.UpsertAsync(id, 1, Bytes("one"));
        await Provider.DurableState.UpsertAsync(id, 2, Bytes("two"));

        await FluentActions.Awaiting(() => Provider.DurableState.DeleteAsync(id, 1)).Should().ThrowAsync<DurableStateConcurrencyException>();
        (await Provider.DurableState.GetAsync(id)).Should().NotBeNull();

        await Provider.DurableState.DeleteAsync(id, 2);
        (await Provider.DurableState.GetAsync(id)).Should().BeNull();
    }

    [Fact]
    public async Task Journal_Should_ReplayAppendedEventsInOrder_WithinTheRequestedRange()
    {
        string id = NewId();
        await Provider.Journal.AppendAsync(id, [Event(1, "a"), Event(2, "b")]);
        await Provider.Journal.AppendAsync(id, [Event(3, "c"), Event(4, "d"), Event(5, "e")]);

        (await ReplayAsync(id)).Should().Equal("a", "b", "c", "d", "e");
        (await ReplayAsync(id, 2, 4)).Should().Equal("b", "c", "d");
        (await ReplayAsync(id, 2, long.MaxValue, 2)).Should().Equal("b", "c");
        (await Provider.Journal.ReadHighestSequenceNrAsync(id)).Should().Be(5);
        (await Provider.Journal.ReadHighestSequenceNrAsync(NewId())).Should().Be(0);
    }

    [Theory]
    [InlineData(4)] // a gap
    [InlineData(2)] // a duplicate
    [InlineData(1)] // the start again
    public async Task Journal_Should_RefuseAnAppendThatDoesNotContinueTheSequence(long first)
    {
        string id = NewId();
        await Provider.Journal.AppendAsync(id, [Event(1, "a"), Event(2, "b")]);

        Func<Task> append = () => Provider.Journal.AppendAsync(id, [Event(first, "x"), Event(first + 1, "y")]);

        await append.Should().ThrowAsync<JournalSequenceException>();
        (await ReplayAsync(id)).Should().Equal("a", "b");
    }

    [Fact]
    public async Task Journal_Should_RefuseEventsNumberedWithAGapInsideOneAppend()
    {
        string id = NewId();
        Func<Task> append = () => Provider.Journal.AppendAsync(id, [Event(1, "a"), Event(3, "c")]);
        await append.Should().ThrowAsync<JournalSequenceException>();
        (await Provider.Journal.ReadHighestSequenceNrAsync(id)).Should().Be(0);
    }

    [Fact]
    public async Task Journal_Should_KeepTheHighestSequenceNr_AfterDeletingEvents()
    {
        string id = NewId();
        await Provider.Journal.AppendAsync(id, [Event(1, "a"), Event(2, "b"), Event(3, "c")]);

        await Provider.Journal.DeleteUpToAsync(id, 3);

        (await ReplayAsync(id)).Should().BeEmpty();
        (await Provider.Journal.ReadHighestSequenceNrAsync(id)).Should().Be(3);
        await Provider.Journal.AppendAsync(id, [Event(4, "d")]);
        (await ReplayAsync(id)).Should().Equal("d");
        await FluentActions.Awaiting(() => Provider.Journal.AppendAsync(id, [Event(1, "again")])).Should().ThrowAsync<JournalSequenceException>();
    }

    [Fact]
    public async Task Journal_Should_LetExactlyOneOfConcurrentAppendsOfTheSameNumberWin()
    {
        string id = NewId();
        Task[] appends = Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => Provider.Journal.AppendAsync(id, [Event(1, "writer " + i)])))
            .ToArray();
        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));

        appends.Count(a => a.IsCompletedSuccessfully).Should().Be(1);
        (await ReplayAsync(id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Snapshots_Should_LoadTheNewestSnapshotThatTheCriteriaSelect()
    {
        string id = NewId();
        var early = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Provider.Snapshots.SaveAsync(new SnapshotMetadata(id, 5, early), Bytes("at 5"), "s");
        await Provider.Snapshots.SaveAsync(new SnapshotMetadata(id, 10, early.AddHours(1)), Bytes("at 10"), "s");

        SelectedSnapshot? latest = await Provider.Snapshots.LoadAsync(id, SnapshotSelectionCriteria.Latest);
        latest!.Metadata.SequenceNr.Should().Be(10);
        Text(latest.Payload).Should().Be("at 10");
        latest.Metadata.Timestamp.Should().Be(early.AddHours(1));

        (await Provider.Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(7, DateTimeOffset.MaxValue)))!.Metadata.SequenceNr.Should().Be(5);
        (await Provider.Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(long.MaxValue, early.AddMinutes(30))))!.Metadata.SequenceNr.Should().Be(5);
        (await Provider.Snapshots.LoadAsync(id, SnapshotSelectionCriteria.None)).Should().BeNull();
    }

    [Fact]
    public async Task Snapshots_Should_ReplaceASnapshotAtTheSameSequenceNr_AndDeleteBySelection()
    {
        string id = NewId();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await Provider.Snapshots.SaveAsync(new SnapshotMetadata(id, 5, now), Bytes("first"));
        await Provider.Snapshots.SaveAsync(new SnapshotMetadata(id, 5, now), Bytes("second"));
        await Provider.Snapshots.SaveAsync(new SnapshotMetadata(id, 9, now), Bytes("nine"));
        Text((await Provider.Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(5, DateTimeOffset.MaxValue)))!.Payload).Should().Be("second");

        await Provider.Snapshots.DeleteAsync(id, new SnapshotSelectionCriteria(5, DateTimeOffset.MaxValue));

        (await Provider.Snapshots.LoadAsync(id, new SnapshotSelectionCriteria(8, DateTimeOffset.MaxValue))).Should().BeNull();
        (await Provider.Snapshots.LoadAsync(id, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr.Should().Be(9);
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
    public async Task Provider_Should_RejectBadArguments_WithClearErrors()
    {
        await FluentActions.Awaiting(() => Provider.DurableState.UpsertAsync("x", 0, Bytes("a"))).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => Provider.DurableState.GetAsync("")).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Provider.Journal.AppendAsync("x", [])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Provider.Worlds.TryAddAsync(World(NewId(), double.NaN))).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => Provider.Worlds.TryAddAsync(World(""))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Provider.Worlds.FindAsync("")).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Migrations_Should_BeSafeToRunAgain_AndFromTwoOpenersAtOnce()
    {
        IPersistenceProvider[] reopened = await Task.WhenAll(OpenAsync(), OpenAsync());
        string id = NewId();
        await reopened[0].DurableState.UpsertAsync(id, 1, Bytes("from the first"));
        (await reopened[1].DurableState.GetAsync(id))!.Revision.Should().Be(1);
        (await reopened[0].Worlds.TryAddAsync(World(id))).Should().BeTrue();
        (await reopened[1].Worlds.FindAsync(id)).Should().NotBeNull();
        foreach (IPersistenceProvider provider in reopened)
        {
            await provider.DisposeAsync();
        }
    }

    /// <summary>Opens the provider under test on the database this test class uses (the same one on every call).</summary>
    protected abstract Task<IPersistenceProvider> OpenAsync();

    protected static string NewId() => "test-" + Guid.NewGuid().ToString("N");

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static StoredWorld World(string id, double tickRate = 20) => new(id, tickRate, [1, 2, 3], DateTimeOffset.UnixEpoch);

    private static JournalEvent Event(long sequenceNr, string text) => new(sequenceNr, Bytes(text), "e");

    private async Task<List<string>> ReplayAsync(string id, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var texts = new List<string>();
        await foreach (JournalEvent e in Provider.Journal.ReplayAsync(id, from, to, max))
        {
            texts.Add(Text(e.Payload));
        }

        return texts;
    }
}
