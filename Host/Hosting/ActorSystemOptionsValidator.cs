using Microsoft.Extensions.Options;
using WasGo.Actors;

namespace WasGo.Host.Hosting;

/// <summary>Stops the host at start when an actor-system setting is out of range, naming the setting.</summary>
internal sealed class ActorSystemOptionsValidator : IValidateOptions<ActorSystemOptions>
{
    public ValidateOptionsResult Validate(string? name, ActorSystemOptions options)
    {
        IReadOnlyList<string> errors = options.Validate();
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => e.Replace("ActorSystemOptions.", WasGoServiceCollectionExtensions.ActorsSection + ":", StringComparison.Ordinal)));
    }
}
