using System;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Threading;
using WasGo.Wasm.Decoding;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>Compiles every function of a validated module into one type of a new collectible assembly.</summary>
internal static class ModuleCompiler
{
    private static int s_counter;

    public static CompiledModule Compile(ModuleDefinition module, ValueKind[][] recorded, CodeGeneration generation, string name = "module")
    {
        var id = Interlocked.Increment(ref s_counter);
        var assemblyName = new AssemblyName($"WasGo.Wasm.Compiled{id}");
        var assembly = AssemblyBuilder.DefineDynamicAssembly(assemblyName, AssemblyBuilderAccess.RunAndCollect);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!,
            [typeof(ModuleInstance).Assembly.GetName().Name!]));
        var moduleBuilder = assembly.DefineDynamicModule(assemblyName.Name!);
        var typeBuilder = moduleBuilder.DefineType(TrapFrame.TypeName(name), TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);

        var count = module.Bodies.Count;
        var builders = new MethodBuilder[count];
        for (var f = 0; f < count; f++)
        {
            var type = module.FunctionType(module.ImportedFunctionCount + f);
            var index = module.ImportedFunctionCount + f;
            var method = typeBuilder.DefineMethod(
                TrapFrame.MethodName(index, module.FunctionNames.GetValueOrDefault(index)),
                MethodAttributes.Public | MethodAttributes.Static,
                CallingConvention.ReturnType(type),
                CallingConvention.ParameterTypes(type, typeof(ModuleInstance)));
            method.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
            builders[f] = method;
        }

        var methods = Array.ConvertAll(builders, static b => (MethodInfo)b);
        for (var f = 0; f < count; f++)
        {
            var type = module.FunctionType(module.ImportedFunctionCount + f);
            var compiler = new FunctionCompiler(builders[f].GetILGenerator(), module, methods, type, module.Bodies[f], recorded[f], generation);
            compiler.Compile();
        }

        var created = typeBuilder.CreateType();
        var finalMethods = new MethodInfo[count];
        for (var f = 0; f < count; f++)
        {
            finalMethods[f] = created.GetMethod(builders[f].Name, BindingFlags.Public | BindingFlags.Static)!;

            // JIT now, as Wasmtime compiles ahead: a method the JIT rejects fails the module here,
            // not at its first call, and no call pays for compilation.
            RuntimeHelpers.PrepareMethod(finalMethods[f].MethodHandle);
        }

        return new CompiledModule(created, finalMethods);
    }
}
