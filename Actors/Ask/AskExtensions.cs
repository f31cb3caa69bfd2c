namespace WasGo.Actors;

/// <summary>Request/response on top of messages: <see cref="Ask{T}"/> and <see cref="PipeTo{T}"/>.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and returns the first reply. A
    /// <see cref="Status.Failure"/> reply fails the task with its cause.
    /// </summary>
    /// <typeparam name="T">The reply type expected.</typeparam>
    /// <param name="target">The actor to ask.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait for a reply, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    /// <exception cref="AskTimeoutException">No reply arrived in time, or the target had already stopped (from the task).</exception>
    /// <exception cref="InvalidCastException">The reply was not a <typeparamref name="T"/> (from the task).</exception>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The ask timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        if (target is IInternalActorRef { IsTerminated: true })
        {
            return Task.FromException<T>(new AskTimeoutException($"Ask of {target.Path} with {message.GetType().Name} failed: the actor had already stopped."));
        }

        var promise = new PromiseActorRef<T>(target, message, timeout);
        TimeProvider clock = target is LocalActorRef local ? local.Cell.System.TimeProvider : TimeProvider.System;
        promise.Start(clock, cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>
    /// Sends the task's result to <paramref name="recipient"/> when it completes, or a
    /// <see cref="Status.Failure"/> if it fails: the way to bring an async result back into an actor.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task.</param>
    /// <param name="recipient">The actor to send the outcome to.</param>
    /// <param name="sender">The sender the outcome appears to come from.</param>
    /// <param name="success">Maps the result to the message sent; by default the result itself.</param>
    /// <param name="failure">Maps the exception to the message sent; by default a <see cref="Status.Failure"/>.</param>
    /// <returns>A task that completes once the outcome is sent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> or <paramref name="recipient"/> is <see langword="null"/>.</exception>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null, Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return PipeAsync(task, recipient, sender, success, failure);

        static async Task PipeAsync(Task<T> task, IActorRef recipient, IActorRef? sender, Func<T, object>? success, Func<Exception, object>? failure)
        {
            object outcome;
            try
            {
                T result = await task.ConfigureAwait(false);
                outcome = success is null ? (object?)result ?? new Status.Success(null) : success(result);
            }
            catch (Exception exception)
            {
                outcome = failure is null ? new Status.Failure(exception) : failure(exception);
            }

            recipient.Tell(outcome, sender);
        }
    }

    /// <summary>Sends <see cref="Status.Success"/> to <paramref name="recipient"/> when the task completes, or a <see cref="Status.Failure"/> if it fails.</summary>
    /// <param name="task">The task.</param>
    /// <param name="recipient">The actor to send the outcome to.</param>
    /// <param name="sender">The sender the outcome appears to come from.</param>
    /// <returns>A task that completes once the outcome is sent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> or <paramref name="recipient"/> is <see langword="null"/>.</exception>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        return PipeAsync(task, recipient, sender);

        static async Task PipeAsync(Task task, IActorRef recipient, IActorRef? sender)
        {
            object outcome;
            try
            {
                await task.ConfigureAwait(false);
                outcome = new Status.Success(null);
            }
            catch (Exception exception)
            {
                outcome = new Status.Failure(exception);
            }

            recipient.Tell(outcome, sender);
        }
    }
}
