using Microsoft.Extensions.Options;

namespace WasGo.Host.Hosting;

/// <summary>Stops the host at start when an actor-system setting is out of range, naming the setting.</summary>
internal sealed class ActorsOptionsValidator : IValidateOptions<ActorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ActorsOptions options)
    {
        string[] problems = [.. options.Problems()];
        return problems.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
