using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using WasGo.Wasm.Compilation;
using WasGo.Wasm.Decoding;
using WasGo.Wasm.Validation;

namespace WasGo.Wasm;

/// <summary>
/// A decoded, validated and compiled WebAssembly module, ready to be instantiated any number of times.
/// </summary>
/// <remarks>Immutable and thread-safe; its compiled code is freed when no module or instance refers to it.</remarks>
[DebuggerDisplay("Module {Name}")]
public sealed class Module
{
    private Module(Engine engine, string name, ModuleDefinition definition, CompiledModule compiled)
    {
        Engine = engine;
        Name = name;
        Definition = definition;
        Compiled = compiled;
        TypeIds = definition.Types.ConvertAll(engine.TypeId).ToArray();
        Imports = definition.Imports.Select(i => new Import(i.ModuleName, i.Name, i.Kind, ResolveType(i.Type))).ToArray();
        Exports = definition.Exports.Select(e => new Export(e.Name, e.Kind, TypeOf(definition, e.Kind, e.Index))).ToArray();
        object ResolveType(object type) => type is int index ? definition.Types[index] : type;
    }

    /// <summary>The name given when the module was created.</summary>
    public string Name { get; }

    /// <summary>The module's imports, in order, with their types.</summary>
    public IReadOnlyList<Import> Imports { get; }

    /// <summary>The module's exports, in order, with their types.</summary>
    public IReadOnlyList<Export> Exports { get; }

    internal Engine Engine { get; }

    internal ModuleDefinition Definition { get; }

    internal CompiledModule Compiled { get; }

    /// <summary>The engine-wide id of each type of the type section (call_indirect compares these).</summary>
    internal int[] TypeIds { get; }

    /// <summary>Decodes, validates and compiles a binary module.</summary>
    /// <param name="engine">The engine to compile with.</param>
    /// <param name="name">A name for diagnostics.</param>
    /// <param name="bytes">The binary module.</param>
    /// <returns>The module.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MalformedModuleException">The bytes are not a binary module.</exception>
    /// <exception cref="InvalidModuleException">The module does not validate.</exception>
    public static Module FromBytes(Engine engine, string name, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(name);
        engine.ThrowIfDisposed();
        var copy = bytes.ToArray();
        ModuleDefinition definition;
        ValueKind[][] recorded;
        try
        {
            definition = ModuleDecoder.Decode(copy, engine.Features);
        }
        catch (Exception e) when (e is not WasmException)
        {
            throw new MalformedModuleException($"module '{name}' could not be decoded: {e.Message}", e);
        }

        try
        {
            recorded = ModuleValidator.Validate(definition, engine.Features);
        }
        catch (Exception e) when (e is not WasmException)
        {
            throw new InvalidModuleException($"module '{name}' could not be validated: {e.Message}", e);
        }

        CompiledModule compiled;
        try
        {
            compiled = ModuleCompiler.Compile(definition, recorded, engine.CodeGeneration, name);
        }
        catch (Exception e) when (e is not WasmException)
        {
            throw new WasmException($"module '{name}' could not be compiled: {e.Message}", e);
        }

        return new Module(engine, name, definition, compiled);
    }

    /// <summary>Reads a binary module from a file, then decodes, validates and compiles it.</summary>
    /// <param name="engine">The engine to compile with.</param>
    /// <param name="path">The path of a <c>.wasm</c> file.</param>
    /// <returns>The module, named after the file.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="MalformedModuleException">The bytes are not a binary module.</exception>
    /// <exception cref="InvalidModuleException">The module does not validate.</exception>
    public static Module FromFile(Engine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromBytes(engine, Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path));
    }

    private static object TypeOf(ModuleDefinition definition, ExternKind kind, int index) => kind switch
    {
        ExternKind.Function => definition.FunctionType(index),
        ExternKind.Table => definition.Tables[index],
        ExternKind.Memory => definition.Memories[index],
        _ => definition.Globals[index].Type,
    };
}
