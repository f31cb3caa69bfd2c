using FluentAssertions;

namespace WasGo.Cluster.Tests;

/// <summary>The pure parts every node must agree on: the shard of an id, the fair share, the wire layout, the settings.</summary>
public sealed class ShardingPartsTests
{
    [Fact]
    public void ShardOfAnId_Should_BeTheSameInEveryProcess()
    {
        // Fixed values: string.GetHashCode would change them per process, and nodes would disagree.
        HashCodeMessageExtractor.ShardIdOf("acct-1", 64).Should().Be(28, "FNV-1a of the UTF-8 bytes, modulo the shard count");
        HashCodeMessageExtractor.ShardIdOf(string.Empty, 64).Should().Be((int)(2166136261 % 64));
        HashCodeMessageExtractor.ShardIdOf("a", 1000).Should().Be((int)(unchecked((2166136261u ^ 'a') * 16777619u) % 1000));
    }

    [Fact]
    public void ShardsOfManyIds_Should_SpreadOverEveryShard()
    {
        int[] counts = new int[64];
        for (int i = 0; i < 6400; i++)
        {
            counts[HashCodeMessageExtractor.ShardIdOf("entity-" + i, 64)]++;
        }

        counts.Should().OnlyContain(c => c > 50 && c < 150);
    }

    [Fact]
    public void FairShare_Should_HandOffOnlyTheExcess_CheapestFirst()
    {
        var active = Enumerable.Range(0, 10).ToDictionary(s => s, s => s == 3 ? 0 : 5);

        IReadOnlyList<int> handOff = FairShare.ToHandOff(active, shardCount: 16, liveHosts: 2);

        handOff.Should().HaveCount(2, "the fair share of 16 shards over 2 nodes is 8").And.Contain(3, "an empty shard moves first");
        FairShare.ToHandOff(active, shardCount: 16, liveHosts: 1).Should().BeEmpty();
    }

    [Fact]
    public void WireBatches_Should_RoundTrip()
    {
        var envelope = new WireEnvelope(Guid.NewGuid(), WireKind.Message, "node-a", 42, "entity", "manifest", [1, 2, 3]);
        var reply = new WireReply(42, WireKind.Failure, string.Empty, [4]);

        WireCodec.DecodeEnvelopes(WireCodec.EncodeEnvelopes([envelope, envelope])).Should().HaveCount(2).And.AllSatisfy(e => e.Should().BeEquivalentTo(envelope));
        WireCodec.DecodeReplies(WireCodec.EncodeReplies([reply])).Should().ContainSingle().Which.Should().BeEquivalentTo(reply);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 9, 1, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 255, 255, 255, 127 })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 1, 2, 3 })]
    public void MalformedBatches_Should_BeRejected_WithInvalidDataException(byte[] bytes)
    {
        Action decode = () => WireCodec.DecodeEnvelopes(bytes);

        decode.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("cluster message");
    }

    [Fact]
    public void RabbitMqOptions_Should_NameEveryBadSetting_WithoutEchoingTheUri()
    {
        var options = new RabbitMqTransportOptions { Uri = "http://user:secret@host/", Prefetch = 100 };

        IReadOnlyList<string> errors = options.Validate();

        errors.Should().HaveCount(2);
        errors.Should().Contain(e => e.Contains("RabbitMq:Prefetch is 100", StringComparison.Ordinal));
        errors.Should().NotContain(e => e.Contains("secret", StringComparison.Ordinal));
    }
}
