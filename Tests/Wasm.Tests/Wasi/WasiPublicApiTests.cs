using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using FluentAssertions;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>
/// The public surface of WasGo.Wasm.Wasi rendered to text and compared with the approved copy, so every
/// API change shows in review. To approve a change, copy WasiPublicApi.received.txt over WasiPublicApi.approved.txt.
/// </summary>
public sealed class WasiPublicApiTests
{
    [Fact]
    public void WasiPublicApi_Should_MatchTheApprovedSurface()
    {
        var folder = Path.GetDirectoryName(WasiPrograms.SourceDirectory)!;
        var approvedPath = Path.Combine(folder, "WasiPublicApi.approved.txt");
        var received = Render(typeof(WasiConfiguration).Assembly);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : string.Empty;
        if (received != approved)
        {
            File.WriteAllText(Path.Combine(folder, "WasiPublicApi.received.txt"), received);
        }

        received.Should().Be(approved, "the public API changed; review WasiPublicApi.received.txt and approve it");
    }

    private static string Render(Assembly assembly)
    {
        var text = new StringBuilder();
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes().Where(static t => t.Namespace == "WasGo.Wasm.Wasi").OrderBy(static t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
            var baseType = type.BaseType is { } b && b != typeof(object) ? $" : {Name(b)}" : string.Empty;
            var interfaces = type.GetInterfaces().Where(static i => i.Namespace == "WasGo.Wasm.Wasi").Select(Name).ToList();
            text.Append(kind).Append(' ').Append(type.FullName).Append(baseType)
                .Append(interfaces.Count > 0 ? $" ({string.Join(", ", interfaces)})" : string.Empty).Append('\n');
            var members = type.GetMembers(Declared)
                .Where(static m => m is not MethodInfo { IsSpecialName: true })
                .Select(m => "  " + Describe(m))
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? "set; " : string.Empty)}}}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        _ => member.Name,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(static p => $"{(p.GetCustomAttributes().Any(static a => a.GetType().Name is "ParamArrayAttribute" or "ParamCollectionAttribute") ? "params " : string.Empty)}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : string.Empty)}"));

    private static string Name(Type type)
    {
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(Nullable<>))
            {
                return Name(type.GetGenericArguments()[0]) + "?";
            }

            var name = definition.FullName!;
            return $"{name[..name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        return type.IsArray ? Name(type.GetElementType()!) + "[]" : type.FullName ?? type.Name;
    }
}
