using Microsoft.Extensions.Options;
using WasGo.Actors;
using WasGo.Host.Http.Errors;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Http.Worlds;

/// <summary>What the world endpoints share: finding a world, asking its actor within the call timeout, and turning a script's failure into a status.</summary>
internal sealed class WorldCalls(WorldDirectory directory, IOptions<HttpOptions> options)
{
    public HostedWorld Find(string worldId) =>
        directory.Find(worldId) ?? throw ApiException.NotFound($"No world '{worldId}' runs on this host.");

    public Task<WorldStatus> StatusAsync(HostedWorld world, CancellationToken cancellationToken) =>
        AskAsync<WorldStatus>(world, GetWorldStatus.Instance, cancellationToken);

    /// <summary>Hands an input to the world and waits for the tick that applies it; a failed call is refused with the status its error code calls for.</summary>
    public async Task<ScriptValue> ApplyAsync(HostedWorld world, object input, CancellationToken cancellationToken)
    {
        CallResult result = await AskAsync<CallResult>(world, input, cancellationToken).ConfigureAwait(false);
        if (result.Error is not { } error)
        {
            return result.Value;
        }

        int status = error.Code switch
        {
            ScriptErrorCode.UnknownMethod or ScriptErrorCode.Unavailable => StatusCodes.Status404NotFound,
            ScriptErrorCode.BadArguments or ScriptErrorCode.ValueTooLarge => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        throw new ApiException(status, error.Message, error.CodeName);
    }

    private async Task<T> AskAsync<T>(HostedWorld world, object message, CancellationToken cancellationToken)
    {
        try
        {
            return await world.AskAsync<T>(message, options.Value.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(StatusCodes.Status504GatewayTimeout, $"World '{world.Id}' did not answer within {options.Value.CallTimeout.TotalSeconds} s (WasGo:Http:CallTimeout); it may be overloaded. The input may still be applied.");
        }
    }
}
