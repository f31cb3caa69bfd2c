using Microsoft.Extensions.Options;

namespace WasGo.Host.Hosting;

/// <summary>Stops the host at start when a setting is out of range, with the settings' own messages (each names the setting, its value and the range).</summary>
/// <typeparam name="TOptions">The settings.</typeparam>
internal sealed class SelfValidatingOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, ISelfValidatingOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        string[] errors = [.. options.Validate()];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
