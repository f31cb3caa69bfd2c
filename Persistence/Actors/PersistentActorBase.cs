using Akka.Actor;

namespace WasGo.Persistence;

/// <summary>
/// What both kinds of persistent actor share: recovery before the first command (within the
/// system's recovery limit), command handlers, and writes that complete before the next message is
/// processed. An actor's writes run as the tail of the command that made them, so commands that
/// arrive meanwhile wait in the mailbox, as Akka stashes them.
/// </summary>
public abstract class PersistentActorBase : ReceiveActor
{
    private readonly List<Func<object, bool>> _commands = [];
    private bool _recovered;

    /// <summary>Initializes the actor.</summary>
    /// <param name="persistence">The system's stores, serializer and recovery limit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="persistence"/> is <see langword="null"/>.</exception>
    protected PersistentActorBase(PersistenceExtension persistence)
    {
        ArgumentNullException.ThrowIfNull(persistence);
        Persistence = persistence;
        ReceiveAsync<object>(OnMessageAsync);
    }

    /// <summary>Gets the id the actor's data is stored under; it must not change during the actor's life.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>Gets whether the actor is still replaying what was stored.</summary>
    protected bool IsRecovering => !_recovered;

    /// <summary>Gets the system's stores, serializer and recovery limit.</summary>
    protected PersistenceExtension Persistence { get; }

    /// <summary>Starts recovery at once, whether or not a command arrives. Call the base if you override it.</summary>
    protected override void PreStart() => Self.Tell(StartRecovery.Instance);

    /// <summary>Handles commands of type <typeparamref name="T"/> once recovery is complete.</summary>
    /// <typeparam name="T">The command type.</typeparam>
    /// <param name="handler">The handler.</param>
    protected void Command<T>(Action<T> handler) => _commands.Add(Handler(handler));

    /// <summary>Wraps a typed handler as one that says whether it took the message.</summary>
    private protected static Func<object, bool> Handler<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return message =>
        {
            if (message is not T typed)
            {
                return false;
            }

            handler(typed);
            return true;
        };
    }

    /// <summary>Replays what is stored into the actor's state; called once, before the first command.</summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>A task that completes when the state is recovered.</returns>
    private protected abstract Task RecoverAsync(CancellationToken cancellationToken);

    /// <summary>Writes what the last command asked to persist, then runs its handlers.</summary>
    /// <returns>A task that completes when everything is written and handled.</returns>
    private protected abstract Task FlushAsync();

    private async Task OnMessageAsync(object message)
    {
        if (!_recovered)
        {
            SemaphoreSlim permits = Persistence.RecoveryPermits;
            await permits.WaitAsync().ConfigureAwait(true);
            try
            {
                await RecoverAsync(CancellationToken.None).ConfigureAwait(true);
            }
            finally
            {
                permits.Release();
            }

            _recovered = true;
        }

        if (message is StartRecovery)
        {
            return;
        }

        if (!_commands.Exists(handle => handle(message)))
        {
            Unhandled(message);
        }

        await FlushAsync().ConfigureAwait(true);
    }

    private sealed class StartRecovery
    {
        public static StartRecovery Instance { get; } = new();
    }
}
