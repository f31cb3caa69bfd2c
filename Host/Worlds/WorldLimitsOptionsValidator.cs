using Microsoft.Extensions.Options;

namespace WasGo.Host.Worlds;

/// <summary>Stops the host at start when a world budget is out of range, naming the setting, its value and the range.</summary>
internal sealed class WorldLimitsOptionsValidator : IValidateOptions<WorldLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, WorldLimitsOptions options)
    {
        string[] errors = [.. options.Validate()];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
