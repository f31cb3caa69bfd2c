using Akka.Actor;
using Akka.Hosting;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WasGo.Actors.Serialization;
using WasGo.Scripting;

namespace WasGo.Actors.Tests.Serialization;

public sealed class WorldSerializerHostingTests
{
    [Fact]
    public async Task WithWorldSerializers_Should_BindEveryWorldMessageAndJournalEventToItsSerializer()
    {
        using IHost host = new HostBuilder()
            .ConfigureServices(static services => services.AddAkka(nameof(WorldSerializerHostingTests), static builder => builder.WithWorldSerializers()))
            .Build();
        await host.StartAsync();
        try
        {
            ActorSystem system = host.Services.GetRequiredService<ActorSystem>();

            foreach (object message in SampleWorldMessages.All)
            {
                system.Serialization.FindSerializerFor(message).Identifier.Should().Be(WorldMessageSerializer.SerializerIdentifier, "a {0} crosses nodes", message.GetType().Name);
            }

            foreach (object recorded in new object[] { new RecordedTick(1, []), new RecordedTimeouts(1, []), new RecordedProgress(1) })
            {
                system.Serialization.FindSerializerFor(recorded).Identifier.Should().Be(WorldEventSerializer.SerializerIdentifier, "a {0} is journaled", recorded.GetType().Name);
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
