using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Cluster;
using WasGo.Host.Http.Errors;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Http.Worlds;

/// <summary>What the world endpoints share: finding a world, asking its actor within the call timeout, and turning a script's failure into a status.</summary>
internal sealed class WorldCalls(WorldDirectory directory, InputFollowers followers, IOptions<HttpOptions> options)
{
    public HostedWorld Find(string worldId) =>
        directory.Find(worldId) ?? throw ApiException.NotFound($"No world '{worldId}' runs on this host.");

    /// <summary>How long a listing waits for any one world before it shows what it last knew of it.</summary>
    public static readonly TimeSpan DescribeWait = TimeSpan.FromSeconds(1);

    public async Task<WorldStatus> StatusAsync(HostedWorld world, CancellationToken cancellationToken)
    {
        WorldStatus status = await AskAsync<WorldStatus>(world, GetWorldStatus.Instance, cancellationToken).ConfigureAwait(false);
        world.Observe(status);
        return status;
    }

    /// <summary>
    /// Describes a world without waiting for it more than <see cref="DescribeWait"/>: a world that is
    /// busy (a tick of slow scripts), restarting or unreachable is shown as the host last knew it,
    /// with its state, so that one world never holds up or fails a listing of all.
    /// </summary>
    public async Task<WorldResponse> DescribeAsync(HostedWorld world, CancellationToken cancellationToken)
    {
        string state;
        try
        {
            return Describe(world, await world.ReadStatusAsync(options.Value.CallTimeout).WaitAsync(DescribeWait, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException)
        {
            state = WorldResponse.Busy;
        }
        catch (WorldUnavailableException)
        {
            state = WorldResponse.Restarting;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever else its shard answered (a node that cannot read the message, …): that world only.
            state = WorldResponse.Unavailable;
        }

        WorldSummary? known = world.LastKnown;
        (int following, int disagreeing) = followers.Of(world.Id);
        return new WorldResponse(world.Id, known?.TickRate ?? WorldDirectory.ClampTickRate(world.Record.TickRate), world.Record.CreatedAt, known?.Tick, known?.Digest, known?.EntityCount, following, disagreeing, state);
    }

    /// <summary>Describes a world from the status it just answered, with the clients following it on this node.</summary>
    public WorldResponse Describe(HostedWorld world, WorldStatus status)
    {
        (int following, int disagreeing) = followers.Of(world.Id);
        return new WorldResponse(world.Id, status.TickRate, world.Record.CreatedAt, status.Tick, status.Digest, status.Entities.Count, following, disagreeing);
    }

    /// <summary>Hands an input to the world and waits for the tick that applies it; a failed call is refused with the status its error code calls for.</summary>
    public async Task<ScriptValue> ApplyAsync(HostedWorld world, object input, CancellationToken cancellationToken)
    {
        // A traced request's span goes with the input, so that the tick and the entity call join its trace.
        object message = Activity.Current is { Recorded: true, IdFormat: ActivityIdFormat.W3C } request ? new TracedInput(request.Context, input) : input;
        CallResult result = await AskAsync<CallResult>(world, message, cancellationToken).ConfigureAwait(false);
        if (result.Error is not { } error)
        {
            return result.Value;
        }

        int status = error.Code switch
        {
            // Nothing there to call: the method, or the entity (or module) the input names.
            ScriptErrorCode.UnknownMethod or ScriptErrorCode.Unavailable => StatusCodes.Status404NotFound,
            // The caller's arguments are wrong.
            ScriptErrorCode.BadArguments or ScriptErrorCode.ValueTooLarge => StatusCodes.Status400BadRequest,
            // The request was fine and the script failed on it: trapped, out_of_fuel, timed_out, limit_exceeded, invalid_module.
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        throw new ApiException(status, error.Message, error.CodeName);
    }

    /// <summary>Asks the world something and waits for its answer; a world that does not answer in time is a 504, one that is restarting a 503.</summary>
    public async Task<T> AskAsync<T>(HostedWorld world, object message, CancellationToken cancellationToken)
    {
        try
        {
            return await world.AskAsync<T>(message, options.Value.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(StatusCodes.Status504GatewayTimeout, $"World '{world.Id}' did not answer within {options.Value.CallTimeout.TotalSeconds} s (WasGo:Http:CallTimeout); it may be overloaded. The input may still be applied: send it again with the same Idempotency-Key header to have it applied once.");
        }
        catch (WorldUnavailableException restarting)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, restarting.Message) { RetryAfter = restarting.RetryAfter };
        }
    }
}
