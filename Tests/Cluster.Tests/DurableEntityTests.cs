using System.Text.Json;
using FluentAssertions;
using Akka.Actor;
using Akka.TestKit;
using WasGo.Actors.TestKit;
using WasGo.Cluster.Node;
using WasGo.Persistence;
using Xunit.Abstractions;

namespace WasGo.Cluster.Tests;

/// <summary>The durable entity on the real PostgreSQL: a stale owner's write is refused, and a redelivery takes effect once.</summary>
public sealed class DurableEntityTests(ITestOutputHelper output) : ClusterTestKit(nameof(DurableEntityTests), output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private string _connectionString = null!;
    private IPersistenceProvider _database = null!;

    public override async Task InitializeAsync()
    {
        _connectionString = await TestServers.CreateDatabaseAsync("cluster_");
        _database = await PostgreSqlPersistence.OpenAsync(new PostgreSqlPersistenceOptions { ConnectionString = _connectionString });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        await TestServers.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task StaleOwner_Should_BeRefused_AndStop_WithoutReplying()
    {
        IActorRef zombie = Account("zombie");
        (await zombie.Ask<Deposited>(new Deposit(1, 1), Timeout)).Balance.Should().Be(1);
        IActorRef owner = Account("owner");
        (await owner.Ask<Deposited>(new Deposit(2, 1), Timeout)).Balance.Should().Be(2);
        TestProbe probe = CreateTestProbe();
        probe.Watch(zombie);

        probe.Send(zombie, new Deposit(3, 1));

        await probe.ExpectTerminatedAsync(zombie, Timeout);
        AccountState stored = await StoredAsync();
        stored.Should().Be(new AccountState(2, 2, 0, 0, "owner"), "the zombie's write, based on revision 1, was refused");
        (await owner.Ask<Deposited>(new Deposit(3, 1), Timeout)).Balance.Should().Be(3, "the owner goes on");
    }

    [Fact]
    public async Task Redelivery_Should_GetTheSameReply_WithoutASecondEffect()
    {
        IActorRef account = Account("node");
        TestProbe client = CreateTestProbe();
        TestProbe shard = CreateTestProbe();
        var delivery = new EntityDelivery("acct", Guid.NewGuid(), new Deposit(1, 5), client.Ref, DeliveryBatch.None);

        account.Tell(delivery.Message!, new DeliveryReplyRef(delivery, shard.Ref, account));
        Deposited first = await client.ExpectMsgAsync<Deposited>(Timeout);
        account.Tell(delivery.Message!, new DeliveryReplyRef(delivery, shard.Ref, account));
        Deposited again = await client.ExpectMsgAsync<Deposited>(Timeout);

        again.Should().Be(first);
        (await StoredAsync()).Should().Be(new AccountState(1, 5, 0, 0, "node"), "the redelivered deposit took effect once");
        await shard.ExpectMsgAsync<DeliveryDone>(Timeout);
        await shard.ExpectMsgAsync<DeliveryDone>(Timeout);
    }

    [Fact]
    public async Task HandlerFailure_Should_AnswerWithTheFailure_AndChangeNothing()
    {
        IActorRef account = Account("node");

        Func<Task> bad = () => account.Ask<Deposited>(new Deposit(1, -5), Timeout);

        (await bad.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.Message.Should().Contain("must be positive");
        (await account.Ask<Deposited>(new Deposit(1, 5), Timeout)).Balance.Should().Be(5, "the entity goes on after a message it could not handle");
        (await StoredAsync()).Should().Be(new AccountState(1, 5, 0, 0, "node"));
    }

    private IActorRef Account(string node) =>
        Sys.ActorOf(Props.Create(() => new AccountEntity(_database.DurableState, SampleTypes.Serializer(), "acct", node)));

    private async Task<AccountState> StoredAsync()
    {
        DurableStateRecord record = (await _database.DurableState.GetAsync("account/acct"))!;
        return JsonSerializer.Deserialize<DurableEntityRecord<AccountState>>(record.Payload.Span)!.State;
    }
}
