namespace WasGo.Actors;

/// <summary>Failure, supervision, restart and termination.</summary>
internal sealed partial class ActorCell
{
    public Type? ActorType => _actor?.GetType();

    /// <summary>The actor fails: user messages stop and the parent decides what happens.</summary>
    public void HandleInvokeFailure(Exception cause)
    {
        if (IsFailed || IsTerminating)
        {
            // Already waiting for a decision or stopping: the first failure is the one that counts.
            LogIgnoredFailure(System.Logger, Self.Path.ToString(), cause);
            return;
        }

        SetState(StateFailed);
        Mailbox.Suspend();
        _parent.SendSystemMessage(new Failed(SelfRef, cause, _current.Message));
    }

    /// <summary>The supervisor fails with a child's exception, so that its own supervisor decides.</summary>
    public void Escalate(Exception cause) => HandleInvokeFailure(cause);

    public void LogChildFailure(IActorRef child, Exception cause, Directive directive) =>
        LogChildFailed(System.Logger, cause, child.Path.ToString(), cause.GetType().Name, directive);

    private void HandleFailed(Failed failed)
    {
        ChildEntry? entry = _extras?.ChildrenOrNull?.Find(failed.Child);
        if (entry is null)
        {
            // A child that was already asked to stop: its failure no longer matters.
            return;
        }

        SupervisorStrategy strategy = Props.SupervisorStrategy ?? _actor?.SupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        strategy.HandleFailure(this, entry, failed.Cause);
    }

    private void ResumeAfterFailure()
    {
        ClearState(StateFailed);
        Mailbox.Resume();
    }

    private void Restart(Exception cause)
    {
        if (IsTerminating)
        {
            return;
        }

        ActorBase? failedInstance = _actor;
        if (failedInstance is not null)
        {
            try
            {
                failedInstance.PreRestart(cause, _current.Message);
            }
            catch (Exception preRestartFailure)
            {
                LogLifecycleFailure(System.Logger, preRestartFailure, Self.Path.ToString(), nameof(ActorBase.PreRestart));
            }
        }

        _extras?.CancelTimers();
        if (_extras?.StashOrNull is { Count: > 0 } stash)
        {
            stash.UnstashAll();
        }

        _actor = null;
        ClearState(StateFailed);
        ActorBase fresh = NewInstance();
        _actor = fresh;
        try
        {
            fresh.PostRestart(cause);
        }
        catch (Exception exception)
        {
            throw new ActorInitializationException($"{Self.Path} failed in PostRestart: {exception.Message}", exception);
        }

        Mailbox.Resume();
    }

    private void BeginTerminate()
    {
        if (IsTerminating || IsTerminated)
        {
            return;
        }

        SetState(StateTerminating);
        Mailbox.Suspend();
        _extras?.CancelTimers();
        ChildEntry[] children = LivingChildren();
        foreach (ChildEntry child in children)
        {
            Stop(child.Ref);
        }

        if (_extras?.ChildrenOrNull?.IsEmpty ?? true)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        if (IsTerminated)
        {
            return;
        }

        ActorBase? actor = _actor;
        _actor = null;
        if (actor is not null)
        {
            try
            {
                actor.PostStop();
            }
            catch (Exception exception)
            {
                LogLifecycleFailure(System.Logger, exception, Self.Path.ToString(), nameof(ActorBase.PostStop));
            }
        }

        _extras?.StashOrNull?.ClearStash();
        SetState(StateTerminated);
        Mailbox.Close();
        NotifyWatchersAndWatched();
        _parent.SendSystemMessage(new ChildTerminated(SelfRef));
    }
}
