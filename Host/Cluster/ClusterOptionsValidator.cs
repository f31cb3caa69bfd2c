using Microsoft.Extensions.Options;
using WasGo.Host.Auth;

namespace WasGo.Host.Cluster;

/// <summary>Stops the host at start when a cluster setting is missing or malformed, naming it.</summary>
internal sealed class ClusterOptionsValidator(IOptions<AuthOptions> auth) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        string[] errors = [.. options.Validate(auth.Value.AdminToken)];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
