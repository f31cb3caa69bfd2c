using Microsoft.Extensions.Options;

namespace WasGo.Host.Http;

/// <summary>Stops the host at start when an HTTP limit is out of range, naming the setting.</summary>
internal sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        string[] errors = [.. options.Validate()];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
