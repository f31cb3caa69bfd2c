using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using FluentAssertions;
using WasGo.Wasm.Tests.Spec;

namespace WasGo.Wasm.Tests.Api;

/// <summary>
/// The public surface of WasGo.Wasm (the engine's own namespace; WasGo.Wasm.Text has its own
/// owner and tests) rendered to text and compared with the approved copy, so every
/// API change shows in review (as Akka's CoreAPISpec). To approve a change, copy the received file
/// over PublicApi.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_Should_MatchTheApprovedSurface()
    {
        var approvedPath = Path.Combine(SpecPaths.RepositoryRoot, "Tests", "Wasm.Tests", "Api", "PublicApi.approved.txt");
        var received = Render(typeof(Engine).Assembly);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : string.Empty;
        if (received != approved)
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(approvedPath)!, "PublicApi.received.txt"), received);
        }

        received.Should().Be(approved, "the public API changed; review PublicApi.received.txt and approve it");
    }

    private static string Render(Assembly assembly)
    {
        var text = new StringBuilder();
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes().Where(static t => t.Namespace == "WasGo.Wasm").OrderBy(static t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
            var baseType = type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? $" : {Name(b)}" : string.Empty;
            text.Append(kind).Append(' ').Append(type.FullName).Append(baseType).Append('\n');
            var members = type.GetMembers(Declared)
                .Where(static m => m is not MethodInfo { IsSpecialName: true } || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Select(m => "  " + Describe(m))
                .Where(static line => line.Length > 2)
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
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? $"<{string.Join(", ", m.GetGenericArguments().Select(Name))}>" : string.Empty)}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? "set; " : string.Empty)}}}",
        FieldInfo f when f.DeclaringType!.IsEnum => f.IsSpecialName ? string.Empty : $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type t => $"nested {t.Name}",
        _ => member.Name,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(static p => $"{(p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : string.Empty)}{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

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
