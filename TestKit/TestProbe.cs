using System.Diagnostics;
using System.Threading.Channels;

namespace WasGo.Actors.TestKit;

/// <summary>
/// A stand-in actor for tests: hand it out as a target or sender, then assert on what it received
/// with the <c>Expect…</c> methods. Every wait is bounded and dilated by the settings' time factor.
/// </summary>
/// <remarks>
/// Sending to the probe is thread-safe; its expectation methods are meant for the one test that
/// owns it and must not be called concurrently.
/// </remarks>
public sealed class TestProbe : IActorRef
{
    private readonly Channel<ReceivedMessage> _queue = Channel.CreateUnbounded<ReceivedMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TestKitSettings _settings;
    private readonly TimeProvider _clock;
    private long? _deadline;

    internal TestProbe(ActorSystem system, TestKitSettings settings, string? name)
    {
        _settings = settings;
        _clock = system.TimeProvider;
        Ref = system.ActorOf(Props.Create(() => new TestActor(_queue.Writer)), name);
        LastSender = system.DeadLetters;
    }

    /// <summary>Gets the reference of the actor behind the probe.</summary>
    public IActorRef Ref { get; }

    /// <inheritdoc />
    public ActorPath Path => Ref.Path;

    /// <summary>Gets the sender of the last message received.</summary>
    public IActorRef LastSender { get; private set; }

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender = null) => Ref.Tell(message, sender);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    /// <param name="target">The receiver.</param>
    /// <param name="message">The message.</param>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Replies to <see cref="LastSender"/> with the probe as sender.</summary>
    /// <param name="message">The reply.</param>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with <see cref="LastSender"/> as sender.</summary>
    /// <param name="target">The receiver.</param>
    /// <param name="message">The message.</param>
    public void Forward(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, LastSender);
    }

    /// <summary>Makes the probe watch <paramref name="subject"/>: its <see cref="Terminated"/> arrives as a message.</summary>
    /// <param name="subject">The actor to watch.</param>
    /// <returns><paramref name="subject"/>.</returns>
    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Ref.Tell(new TestActor.WatchRequest(ActorOf(subject)));
        return subject;
    }

    /// <summary>Stops watching <paramref name="subject"/>.</summary>
    /// <param name="subject">The actor.</param>
    /// <returns><paramref name="subject"/>.</returns>
    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Ref.Tell(new TestActor.UnwatchRequest(ActorOf(subject)));
        return subject;
    }

    /// <summary>Waits for the next message, whatever it is.</summary>
    /// <param name="timeout">How long to wait; by default the settings' timeout (or what is left of an enclosing <c>WithinAsync</c>).</param>
    /// <returns>The message.</returns>
    /// <exception cref="TestKitAssertionException">No message arrived in time.</exception>
    public async Task<object> ReceiveOneAsync(TimeSpan? timeout = null)
    {
        TimeSpan wait = RemainingOr(timeout);
        ReceivedMessage? received = await TryReceiveAsync(wait).ConfigureAwait(false);
        return received?.Message ?? throw new TestKitAssertionException($"Timeout ({wait.TotalMilliseconds} ms) while waiting for a message at {Path}.");
    }

    /// <summary>Waits for the next message and checks it is a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="TestKitAssertionException">No message arrived in time, or another type did.</exception>
    public Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null) => ExpectMsgAsync<T>(static _ => true, "any", timeout);

    /// <summary>Waits for the next message and checks it is a <typeparamref name="T"/> that satisfies <paramref name="predicate"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="predicate">What the message must satisfy.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="TestKitAssertionException">No message arrived in time, or it did not match.</exception>
    public Task<T> ExpectMsgAsync<T>(Predicate<T> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return ExpectMsgAsync(predicate, "matching the predicate", timeout);
    }

    /// <summary>Waits for the next message and checks it equals <paramref name="expected"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="expected">The expected message.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="TestKitAssertionException">No message arrived in time, or it was different.</exception>
    public Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull => ExpectMsgAsync<T>(m => EqualityComparer<T>.Default.Equals(m, expected), $"equal to {expected}", timeout);

    /// <summary>Checks that no message arrives for <paramref name="duration"/>.</summary>
    /// <param name="duration">How long to listen; by default the settings' short duration.</param>
    /// <returns>A task that completes when the time is up.</returns>
    /// <exception cref="TestKitAssertionException">A message arrived.</exception>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null)
    {
        TimeSpan wait = _settings.Dilated(duration ?? _settings.DefaultNoMessageDuration);
        ReceivedMessage? received = await TryReceiveAsync(wait).ConfigureAwait(false);
        if (received is not null)
        {
            throw new TestKitAssertionException($"Expected no message at {Path} for {wait.TotalMilliseconds} ms, but got {received.Message} from {received.Sender.Path}.");
        }
    }

    /// <summary>Waits for the <see cref="Terminated"/> of <paramref name="subject"/>, which the probe must <see cref="Watch"/>.</summary>
    /// <param name="subject">The actor expected to stop.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="TestKitAssertionException">No such message arrived next.</exception>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef subject, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        IActorRef actor = ActorOf(subject);
        return ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(actor), $"Terminated of {subject.Path}", timeout);
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTheOne"/>.</summary>
    /// <param name="isTheOne">Recognises the message looked for.</param>
    /// <param name="timeout">How long to wait in all.</param>
    /// <returns>The message found.</returns>
    /// <exception cref="TestKitAssertionException">None was found in time.</exception>
    public async Task<object> FishForMessageAsync(Predicate<object> isTheOne, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        TimeSpan wait = RemainingOr(timeout);
        long start = _clock.GetTimestamp();
        var skipped = new List<object>();
        while (true)
        {
            TimeSpan left = wait - _clock.GetElapsedTime(start);
            ReceivedMessage? received = left > TimeSpan.Zero ? await TryReceiveAsync(left).ConfigureAwait(false) : null;
            if (received is null)
            {
                throw new TestKitAssertionException($"Timeout ({wait.TotalMilliseconds} ms) while fishing for a message at {Path}; skipped: [{string.Join(", ", skipped)}].");
            }

            if (isTheOne(received.Message))
            {
                return received.Message;
            }

            skipped.Add(received.Message);
        }
    }

    /// <summary>Waits for the next <paramref name="count"/> messages.</summary>
    /// <param name="count">How many.</param>
    /// <param name="timeout">How long to wait for all of them.</param>
    /// <returns>The messages, in arrival order.</returns>
    /// <exception cref="TestKitAssertionException">Fewer arrived in time.</exception>
    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        TimeSpan wait = RemainingOr(timeout);
        long start = _clock.GetTimestamp();
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            TimeSpan left = wait - _clock.GetElapsedTime(start);
            ReceivedMessage? received = left > TimeSpan.Zero ? await TryReceiveAsync(left).ConfigureAwait(false) : null;
            if (received is null)
            {
                throw new TestKitAssertionException($"Timeout ({wait.TotalMilliseconds} ms) at {Path}: received {messages.Count} of {count} messages.");
            }

            messages.Add(received.Message);
        }

        return messages;
    }

    /// <summary>
    /// Runs <paramref name="body"/> and checks it finishes within <paramref name="max"/>; expectations
    /// inside wait at most for what is left of it.
    /// </summary>
    /// <param name="max">The most the block may take (dilated).</param>
    /// <param name="body">The block.</param>
    /// <returns>A task that completes with the block.</returns>
    /// <exception cref="TestKitAssertionException">The block took longer.</exception>
    public Task WithinAsync(TimeSpan max, Func<Task> body) => WithinAsync(TimeSpan.Zero, max, body);

    /// <summary>
    /// Runs <paramref name="body"/> and checks it takes at least <paramref name="min"/> and at most
    /// <paramref name="max"/>; expectations inside wait at most for what is left.
    /// </summary>
    /// <param name="min">The least the block must take (not dilated).</param>
    /// <param name="max">The most the block may take (dilated).</param>
    /// <param name="body">The block.</param>
    /// <returns>A task that completes with the block.</returns>
    /// <exception cref="TestKitAssertionException">The block took too little or too long.</exception>
    public async Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        TimeSpan dilatedMax = _settings.Dilated(max);
        long start = _clock.GetTimestamp();
        long? outer = _deadline;
        long deadline = start + (long)(dilatedMax.TotalSeconds * _clock.TimestampFrequency);
        _deadline = outer is { } o ? Math.Min(o, deadline) : deadline;
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            _deadline = outer;
        }

        TimeSpan took = _clock.GetElapsedTime(start);
        if (took < min)
        {
            throw new TestKitAssertionException($"The block took {took.TotalMilliseconds} ms, less than the minimum {min.TotalMilliseconds} ms.");
        }

        if (took > dilatedMax)
        {
            throw new TestKitAssertionException($"The block took {took.TotalMilliseconds} ms, more than the maximum {dilatedMax.TotalMilliseconds} ms.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => "TestProbe " + Path;

    private async Task<T> ExpectMsgAsync<T>(Predicate<T> predicate, string what, TimeSpan? timeout)
    {
        TimeSpan wait = RemainingOr(timeout);
        ReceivedMessage? received = await TryReceiveAsync(wait).ConfigureAwait(false);
        if (received is null)
        {
            throw new TestKitAssertionException($"Timeout ({wait.TotalMilliseconds} ms) while waiting for a {typeof(T).Name} ({what}) at {Path}.");
        }

        if (received.Message is not T typed)
        {
            throw new TestKitAssertionException($"Expected a {typeof(T).Name} ({what}) at {Path}, but got {received.Message.GetType().Name}: {received.Message}.");
        }

        if (!predicate(typed))
        {
            throw new TestKitAssertionException($"Expected a {typeof(T).Name} {what} at {Path}, but got {received.Message}.");
        }

        return typed;
    }

    /// <summary>
    /// The runtime's reference behind <paramref name="subject"/>: a probe is a wrapper the runtime
    /// cannot watch, and its Terminated names the probe's actor, not the wrapper.
    /// </summary>
    private static IActorRef ActorOf(IActorRef subject) => subject is TestProbe probe ? probe.Ref : subject;

    private TimeSpan RemainingOr(TimeSpan? timeout)
    {
        TimeSpan wait = timeout is { } t ? _settings.Dilated(t) : _settings.Dilated(_settings.DefaultTimeout);
        if (_deadline is { } deadline)
        {
            TimeSpan left = TimeSpan.FromSeconds((double)(deadline - _clock.GetTimestamp()) / _clock.TimestampFrequency);
            wait = left < wait ? left : wait;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private async Task<ReceivedMessage?> TryReceiveAsync(TimeSpan wait)
    {
        Debug.Assert(wait >= TimeSpan.Zero, "Waits are clamped at zero before they get here.");
        if (_queue.Reader.TryRead(out ReceivedMessage? ready))
        {
            LastSender = ready.Sender;
            return ready;
        }

        using var timeout = new CancellationTokenSource(wait, _clock);
        try
        {
            ReceivedMessage received = await _queue.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            LastSender = received.Sender;
            return received;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }
}
