namespace WasGo.Host.Hosting;

/// <summary>Settings that know their own ranges: what <see cref="SelfValidatingOptionsValidator{TOptions}"/> checks at start.</summary>
internal interface ISelfValidatingOptions
{
    /// <summary>Checks every setting.</summary>
    /// <returns>A message per setting out of range, naming it as configured; none when all are valid.</returns>
    IEnumerable<string> Validate();
}
