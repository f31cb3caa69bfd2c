using System;

#pragma warning disable IDE0130 // The runtime recognises this attribute by its full name only.
namespace System.Runtime.CompilerServices;
#pragma warning restore IDE0130

/// <summary>
/// Recognised by the runtime by name: applied to a generated assembly, it lets that assembly's code
/// use the internal members of the named assembly (the engine's runtime helpers).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    public string AssemblyName { get; } = assemblyName;
}
