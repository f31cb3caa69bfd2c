using FluentAssertions;
using WasGo.Actors.Entities;

namespace WasGo.Actors.Tests.Entities;

public sealed class PhaseTests
{
    [Fact]
    public void AFailedBatch_Should_FailThePhase_OnlyOnceEveryBatchHasAnswered()
    {
        var phase = new Phase(3);
        var first = new InvalidOperationException("the first failure");

        phase.Fail(first);
        phase.Fail(new InvalidOperationException("a later failure"));

        phase.Done.IsCompleted.Should().BeFalse("a batch may still be running in its entity's store");
        phase.Fail(new InvalidOperationException("the last answer"));
        phase.Done.IsFaulted.Should().BeTrue();
        phase.Done.Exception!.InnerException.Should().BeSameAs(first);
    }

    [Fact]
    public async Task AnswersFromManyThreads_Should_CompleteThePhaseOnce_WhenTheLastArrives()
    {
        const int batches = 10_000;
        var phase = new Phase(batches);
        var failure = new InvalidOperationException("each batch failed");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(lane => Task.Run(() =>
        {
            for (int i = lane; i < batches; i += 4)
            {
                phase.Done.IsCompleted.Should().BeFalse();
                phase.Fail(failure);
            }
        })));

        phase.Done.IsFaulted.Should().BeTrue();
    }
}
