using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;

namespace WasGo.Actors.TestKit;

/// <summary>
/// A base class for xunit tests of actors: a fresh <see cref="ActorSystem"/> per test that logs to
/// the test's output, a default probe (<see cref="TestActor"/>), and awaiting helpers. The system
/// must stop when the test ends, or the test fails.
/// </summary>
public abstract class TestKit : IAsyncLifetime
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lazy<TestProbe> _testActor;

    /// <summary>Initializes the kit with a system named after the test class.</summary>
    /// <param name="output">The test's output, or <see langword="null"/> to log nowhere.</param>
    /// <param name="settings">The timing settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="options">The actor system's settings; its logger factory is replaced by the test's.</param>
    protected TestKit(ITestOutputHelper? output = null, TestKitSettings? settings = null, ActorSystemOptions? options = null)
    {
        Settings = settings ?? new TestKitSettings();
        _loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Debug);
            if (output is not null)
            {
                builder.AddProvider(new XunitLoggerProvider(output));
            }
        });
        options ??= new ActorSystemOptions();
        options.LoggerFactory = _loggerFactory;
        Sys = ActorSystem.Create(GetType().Name.Replace('`', '_'), options);
        _testActor = new Lazy<TestProbe>(() => CreateTestProbe("testActor"));
    }

    /// <summary>Gets the test's actor system.</summary>
    protected ActorSystem Sys { get; }

    /// <summary>Gets the timing settings.</summary>
    protected TestKitSettings Settings { get; }

    /// <summary>Gets the default probe, made on first use.</summary>
    protected TestProbe TestActor => _testActor.Value;

    /// <summary>Makes a new probe in the test's system.</summary>
    /// <param name="name">Its name, or <see langword="null"/> for a generated one.</param>
    /// <returns>The probe.</returns>
    protected TestProbe CreateTestProbe(string? name = null) => new(Sys, Settings, name);

    /// <summary>Stretches <paramref name="duration"/> by the time factor.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The stretched duration.</returns>
    protected TimeSpan Dilated(TimeSpan duration) => Settings.Dilated(duration);

    /// <summary>Waits for the next message at <see cref="TestActor"/> and checks it is a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="TestKitAssertionException">No message arrived in time, or another type did.</exception>
    protected Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null) => TestActor.ExpectMsgAsync<T>(timeout);

    /// <summary>Checks that <see cref="TestActor"/> receives nothing for a while.</summary>
    /// <param name="duration">How long to listen.</param>
    /// <returns>A task that completes when the time is up.</returns>
    /// <exception cref="TestKitAssertionException">A message arrived.</exception>
    protected Task ExpectNoMsgAsync(TimeSpan? duration = null) => TestActor.ExpectNoMsgAsync(duration);

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing, or the time is up.</summary>
    /// <param name="assertion">The assertion.</param>
    /// <param name="duration">How long to keep trying; by default the settings' timeout.</param>
    /// <param name="interval">How long to wait between tries. Default 50 ms.</param>
    /// <returns>A task that completes once the assertion holds.</returns>
    /// <exception cref="Exception">The assertion's last failure, once the time is up.</exception>
    protected async Task AwaitAssertAsync(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        TimeSpan max = Dilated(duration ?? Settings.DefaultTimeout);
        TimeSpan pause = interval ?? TimeSpan.FromMilliseconds(50);
        // Real time, not the system's clock: a test that drives a fake clock still gets its wait bounded.
        long start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (TimeProvider.System.GetElapsedTime(start) < max)
            {
                await Task.Delay(pause).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="duration">How long to wait; by default the settings' timeout.</param>
    /// <param name="interval">How long to wait between checks. Default 50 ms.</param>
    /// <returns>A task that completes once the condition holds.</returns>
    /// <exception cref="TestKitAssertionException">It did not become true in time.</exception>
    protected Task AwaitConditionAsync(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return AwaitConditionAsync(() => Task.FromResult(condition()), duration, interval);
    }

    /// <summary>Waits until an asynchronous <paramref name="condition"/> (one that asks an actor, say) is true.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="duration">How long to wait; by default the settings' timeout.</param>
    /// <param name="interval">How long to wait between checks. Default 50 ms.</param>
    /// <returns>A task that completes once the condition holds.</returns>
    /// <exception cref="TestKitAssertionException">It did not become true in time.</exception>
    protected async Task AwaitConditionAsync(Func<Task<bool>> condition, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        TimeSpan max = Dilated(duration ?? Settings.DefaultTimeout);
        TimeSpan pause = interval ?? TimeSpan.FromMilliseconds(50);
        long start = TimeProvider.System.GetTimestamp();
        while (!await condition().ConfigureAwait(false))
        {
            if (TimeProvider.System.GetElapsedTime(start) >= max)
            {
                throw new TestKitAssertionException($"The condition did not become true within {max.TotalMilliseconds} ms.");
            }

            await Task.Delay(pause).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Terminates the test's system and fails the test if it does not stop in time.</summary>
    /// <returns>A task that completes when the system has stopped.</returns>
    /// <exception cref="TestKitAssertionException">Some actor did not stop in time.</exception>
    public virtual async Task DisposeAsync()
    {
        TimeSpan limit = Dilated(Sys.Options.ShutdownTimeout);
        try
        {
            await Sys.Terminate().WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TestKitAssertionException($"The actor system of {GetType().Name} did not stop within {limit.TotalSeconds} s; some actor is stuck in a handler.");
        }
        finally
        {
            _loggerFactory.Dispose();
        }
    }
}
