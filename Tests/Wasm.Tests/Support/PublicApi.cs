using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using FluentAssertions;

namespace WasGo.Wasm.Tests.Support;

/// <summary>
/// Renders the public surface of one namespace to text and compares it with an approved copy, so
/// every API change shows in review (as Akka's CoreAPISpec). On a difference it writes
/// <c>&lt;name&gt;.received.txt</c> beside <c>&lt;name&gt;.approved.txt</c>; copy it over to approve.
/// </summary>
internal static class PublicApi
{
    public static void ShouldMatchApproved(Assembly assembly, string @namespace, string folder, string name)
    {
        var approvedPath = Path.Combine(folder, name + ".approved.txt");
        var received = Render(assembly, @namespace);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : string.Empty;
        if (received != approved)
        {
            File.WriteAllText(Path.Combine(folder, name + ".received.txt"), received);
        }

        received.Should().Be(approved, $"the public API changed; review {name}.received.txt and approve it");
    }

    private static string Render(Assembly assembly, string @namespace)
    {
        var text = new StringBuilder();
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes().Where(t => t.Namespace == @namespace).OrderBy(static t => t.FullName, StringComparer.Ordinal))
        {
            var kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";
            var baseType = type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? $" : {Name(b)}" : string.Empty;
            var interfaces = type.GetInterfaces().Where(i => i.Namespace == @namespace).Select(Name).ToList();
            text.Append(kind).Append(' ').Append(type.FullName).Append(baseType)
                .Append(interfaces.Count > 0 ? $" ({string.Join(", ", interfaces)})" : string.Empty).Append('\n');
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
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? "set; " : string.Empty)}}}",
        FieldInfo f when f.DeclaringType!.IsEnum => f.IsSpecialName ? string.Empty : $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type t => $"nested {t.Name}",
        _ => member.Name,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(static p => $"{(p.GetCustomAttributes().Any(static a => a.GetType().Name is "ParamArrayAttribute" or "ParamCollectionAttribute") ? "params " : string.Empty)}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : string.Empty)}"));

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
