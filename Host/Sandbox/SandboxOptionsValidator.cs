using System.Globalization;
using Microsoft.Extensions.Options;
using WasGo.Scripting;

namespace WasGo.Host.Sandbox;

/// <summary>Stops the host at start when a sandbox setting (<c>WasGo:Sandbox</c>) is out of range, naming it.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<ScriptRuntimeOptions>
{
    /// <summary>The configuration section of the sandbox's settings.</summary>
    public const string Section = "WasGo:Sandbox";

    public ValidateOptionsResult Validate(string? name, ScriptRuntimeOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(options.MaxMemoryPages), options.MaxMemoryPages, 1, 65_536);
        Check(errors, nameof(options.MaxTableElements), options.MaxTableElements, 1, 10_000_000);
        Check(errors, nameof(options.MaxStackBytes), options.MaxStackBytes, 64 * 1024, 64 * 1024 * 1024);
        Check(errors, nameof(options.MaxCompileMemoryBytes), options.MaxCompileMemoryBytes, 64L * 1024 * 1024, 64L * 1024 * 1024 * 1024);
        if (options.MaxCompileTime < TimeSpan.FromMilliseconds(100) || options.MaxCompileTime > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Section}:MaxCompileTime is {options.MaxCompileTime}; it must be between 00:00:00.1 and 00:10:00.");
        }

        if (options.EpochInterval < TimeSpan.FromMilliseconds(1) || options.EpochInterval > TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Section}:EpochInterval is {options.EpochInterval}; it must be between 00:00:00.001 and 00:00:01.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string setting, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{setting} is {value}; it must be between {min} and {max}."));
        }
    }
}
