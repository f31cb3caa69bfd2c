namespace WasGo.Actors;

/// <summary>
/// An actor that declares its handlers by message type with <c>Receive&lt;T&gt;</c>, in the
/// constructor or inside <see cref="Become"/>. Handlers are tried in the order they were declared.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly Stack<List<MessageHandler>> _behaviors = new();
    private List<MessageHandler>? _configuring;

    /// <summary>Initializes the actor with an empty behaviour, to be filled by <c>Receive</c> calls.</summary>
    protected ReceiveActor()
    {
        _configuring = [];
        _behaviors.Push(_configuring);
    }

    /// <summary>Handles messages of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type (subtypes match too).</typeparam>
    /// <param name="handler">The handler.</param>
    /// <exception cref="InvalidOperationException">Called outside the constructor or <see cref="Become"/>.</exception>
    protected void Receive<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddHandler(new ActionHandler<T>(handler, null));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> that satisfy <paramref name="shouldHandle"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="shouldHandle">Decides which messages this handler takes.</param>
    /// <param name="handler">The handler.</param>
    /// <exception cref="InvalidOperationException">Called outside the constructor or <see cref="Become"/>.</exception>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ArgumentNullException.ThrowIfNull(handler);
        AddHandler(new ActionHandler<T>(handler, shouldHandle));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> with an asynchronous handler. The next
    /// message waits until the returned task completes; if it fails, the actor fails.
    /// </summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="handler">The handler.</param>
    /// <exception cref="InvalidOperationException">Called outside the constructor or <see cref="Become"/>.</exception>
    protected void ReceiveAsync<T>(Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddHandler(new AsyncHandler<T>(this, handler));
    }

    /// <summary>Handles every message that no earlier handler took.</summary>
    /// <param name="handler">The handler.</param>
    /// <exception cref="InvalidOperationException">Called outside the constructor or <see cref="Become"/>.</exception>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddHandler(new ActionHandler<object>(handler, null));
    }

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> declares.</summary>
    /// <param name="configure">Declares the new handlers with <c>Receive</c> calls.</param>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _behaviors.Pop();
        _behaviors.Push(Configure(configure));
    }

    /// <summary>Pushes a new behaviour on top of the current one; <see cref="UnbecomeStacked"/> returns to it.</summary>
    /// <param name="configure">Declares the new handlers with <c>Receive</c> calls.</param>
    protected void BecomeStacked(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _behaviors.Push(Configure(configure));
    }

    /// <summary>Returns to the behaviour below the current one; the first behaviour is never removed.</summary>
    protected void UnbecomeStacked()
    {
        if (_behaviors.Count > 1)
        {
            _behaviors.Pop();
        }
    }

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        _configuring = null;
        foreach (MessageHandler handler in _behaviors.Peek())
        {
            if (handler.TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }

    internal void RunTask(Task task) => CellForTasks.RunTask(task);

    private ActorCell CellForTasks => (ActorCell)Context;

    private List<MessageHandler> Configure(Action configure)
    {
        var handlers = new List<MessageHandler>();
        List<MessageHandler>? previous = _configuring;
        _configuring = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return handlers;
    }

    private void AddHandler(MessageHandler handler)
    {
        if (_configuring is null)
        {
            throw new InvalidOperationException("Receive handlers can be declared only in the constructor or inside Become/BecomeStacked.");
        }

        _configuring.Add(handler);
    }

    private abstract class MessageHandler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : MessageHandler
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class AsyncHandler<T>(ReceiveActor actor, Func<T, Task> handler) : MessageHandler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed)
            {
                return false;
            }

            actor.RunTask(handler(typed));
            return true;
        }
    }
}
