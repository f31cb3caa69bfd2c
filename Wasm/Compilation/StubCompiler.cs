using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Threading;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>
/// Generates the glue between .NET and compiled wasm: stubs that give host delegates the wasm calling
/// convention, typed delegates that call a wasm function directly, and untyped invokers over
/// <see cref="ValueBox"/> arrays (one per function type, cached).
/// </summary>
internal sealed class StubCompiler
{
    private readonly Lock _sync = new();
    private readonly ConcurrentDictionary<FunctionType, RawInvoker> _invokers = new();
    private ModuleBuilder? _module;
    private int _counter;

    /// <summary>Calls a function with arguments and results in <see cref="ValueBox"/> arrays.</summary>
    public delegate void RawInvoker(FunctionInstance function, ValueBox[] arguments, ValueBox[] results);

    /// <summary>
    /// Compiles a stub <c>(HostContext, int depth, params..., ref results...)</c> that calls the callback
    /// (typed: its parameters are the wasm values, several results come back as a ValueTuple; untyped:
    /// a <see cref="HostCallback"/> over ValueBox arrays); returns the type holding it (method "Invoke").
    /// </summary>
    public Type CompileHostStub(FunctionType type, Type delegateType, bool passesCaller)
    {
        lock (_sync)
        {
            _module ??= CreateModule();
            var typeBuilder = _module.DefineType($"HostStub{++_counter}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
            var returnType = CallingConvention.ReturnType(type);
            var method = typeBuilder.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.Static, returnType,
                CallingConvention.ParameterTypes(type, typeof(HostContext)));
            var il = method.GetILGenerator();
            var result = returnType == typeof(void) ? null : il.DeclareLocal(returnType);
            il.BeginExceptionBlock();
            if (delegateType == typeof(HostCallback))
            {
                EmitUntypedCall(il, type, result);
            }
            else
            {
                EmitTypedCall(il, type, delegateType, passesCaller, result);
            }

            // A filter, not catch-and-rethrow: traps from nested guest calls pass through every host
            // frame in one throw (a rethrow per frame deep in the stack would need stack it may not have).
            il.BeginExceptFilterBlock();
            il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(HostContext), nameof(HostContext.ShouldWrap)));
            il.BeginCatchBlock(null);
            il.Emit(OpCodes.Castclass, typeof(Exception));
            il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(HostContext), nameof(HostContext.Fail)));
            il.Emit(OpCodes.Throw);
            il.EndExceptionBlock();
            if (result is not null)
            {
                il.Emit(OpCodes.Ldloc, result);
            }

            il.Emit(OpCodes.Ret);
            return typeBuilder.CreateType();
        }
    }

    /// <summary>
    /// Loads the context's callback without casting it to the stub's delegate type: the stub is
    /// compiled for the one delegate type its context is created with, and a cast on every guest →
    /// host call would be a type check that cannot fail.
    /// </summary>
    private static void LoadCallback(ILGenerator il)
    {
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, typeof(HostContext).GetField(nameof(HostContext.Callback))!);
    }

    private static void EmitTypedCall(ILGenerator il, FunctionType type, Type delegateType, bool passesCaller, LocalBuilder? result)
    {
        LoadCallback(il);
        if (passesCaller)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(HostContext), nameof(HostContext.CreateCaller)));
        }

        var parameters = type.ParameterArray.Length;
        for (var i = 0; i < parameters; i++)
        {
            il.Emit(OpCodes.Ldarg, (short)(i + 2));
        }

        var invoke = delegateType.GetMethod("Invoke")!;
        il.Emit(OpCodes.Callvirt, invoke);
        if (result is not null)
        {
            il.Emit(OpCodes.Stloc, result);
        }
        else if (type.ResultArray.Length > 1)
        {
            // A ValueTuple: each field goes through its ref parameter.
            var tuple = il.DeclareLocal(invoke.ReturnType);
            il.Emit(OpCodes.Stloc, tuple);
            for (var i = 0; i < type.ResultArray.Length; i++)
            {
                il.Emit(OpCodes.Ldarg, (short)(2 + parameters + i));
                il.Emit(OpCodes.Ldloca, tuple);
                il.Emit(OpCodes.Ldfld, invoke.ReturnType.GetField($"Item{i + 1}")!);
                il.Emit(OpCodes.Stobj, CallingConvention.ClrType(type.ResultArray[i]));
            }
        }
    }

    private static void EmitUntypedCall(ILGenerator il, FunctionType type, LocalBuilder? result)
    {
        var parameters = type.ParameterArray;
        var arguments = il.DeclareLocal(typeof(ValueBox[]));
        il.Emit(OpCodes.Ldc_I4, parameters.Length);
        il.Emit(OpCodes.Newarr, typeof(ValueBox));
        il.Emit(OpCodes.Stloc, arguments);
        for (var i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, arguments);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldarg, (short)(i + 2));
            il.Emit(OpCodes.Call, Accessor("Set", parameters[i]));
        }

        var results = il.DeclareLocal(typeof(ValueBox[]));
        il.Emit(OpCodes.Ldarg_0); // the HostContext that CheckResults is called on
        LoadCallback(il);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(HostContext), nameof(HostContext.CreateCaller)));
        il.Emit(OpCodes.Ldloc, arguments);
        il.Emit(OpCodes.Callvirt, typeof(HostCallback).GetMethod("Invoke")!);
        il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(HostContext), nameof(HostContext.CheckResults)));
        il.Emit(OpCodes.Stloc, results);
        var kinds = type.ResultArray;
        if (result is not null)
        {
            il.Emit(OpCodes.Ldloc, results);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Call, Accessor("Get", kinds[0]));
            il.Emit(OpCodes.Stloc, result);
        }
        else if (kinds.Length > 1)
        {
            for (var i = 0; i < kinds.Length; i++)
            {
                il.Emit(OpCodes.Ldarg, (short)(2 + parameters.Length + i));
                il.Emit(OpCodes.Ldloc, results);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Call, Accessor("Get", kinds[i]));
                il.Emit(OpCodes.Stobj, CallingConvention.ClrType(kinds[i]));
            }
        }
    }

    /// <summary>Creates a delegate of <paramref name="delegateType"/> that calls the function directly.</summary>
    public static Delegate CreateTypedWrapper(FunctionInstance function, Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters();
        var types = new Type[parameters.Length + 1];
        types[0] = typeof(FunctionInstance);
        for (var i = 0; i < parameters.Length; i++)
        {
            types[i + 1] = parameters[i].ParameterType;
        }

        var method = new DynamicMethod("wasm_call", invoke.ReturnType, types, typeof(FunctionInstance).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, RuntimeMembers.FunctionContext);
        il.Emit(OpCodes.Ldc_I4_0);
        for (var i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, (short)(i + 1));
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, RuntimeMembers.FunctionCode);
        CallingConvention.EmitCalli(il, function.Type);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate(delegateType, function);
    }

    public RawInvoker GetInvoker(FunctionType type) => _invokers.GetOrAdd(type, CreateInvoker);

    private static RawInvoker CreateInvoker(FunctionType type)
    {
        var method = new DynamicMethod("wasm_invoke", typeof(void), [typeof(FunctionInstance), typeof(ValueBox[]), typeof(ValueBox[])],
            typeof(FunctionInstance).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var results = type.ResultArray;
        var temps = new LocalBuilder[results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            temps[i] = il.DeclareLocal(CallingConvention.ClrType(results[i]));
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, RuntimeMembers.FunctionContext);
        il.Emit(OpCodes.Ldc_I4_0);
        for (var i = 0; i < type.ParameterArray.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Call, Accessor("Get", type.ParameterArray[i]));
        }

        if (results.Length > 1)
        {
            foreach (var temp in temps)
            {
                il.Emit(OpCodes.Ldloca, temp);
            }
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, RuntimeMembers.FunctionCode);
        CallingConvention.EmitCalli(il, type);
        if (results.Length == 1)
        {
            il.Emit(OpCodes.Stloc, temps[0]);
        }

        for (var i = 0; i < results.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldloc, temps[i]);
            il.Emit(OpCodes.Call, Accessor("Set", results[i]));
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<RawInvoker>();
    }

    private static MethodInfo Accessor(string prefix, ValueKind kind)
    {
        var name = kind switch
        {
            ValueKind.FuncRef or ValueKind.ExternRef when prefix == "Get" => "GetReference",
            _ => prefix + kind,
        };
        return RuntimeMembers.Method(typeof(ValueBoxAccess), name);
    }

    private static ModuleBuilder CreateModule()
    {
        var name = new AssemblyName($"WasGo.Wasm.HostStubs{Environment.CurrentManagedThreadId}_{Guid.NewGuid():N}");
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.RunAndCollect);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!,
            [typeof(HostContext).Assembly.GetName().Name!]));
        return assembly.DefineDynamicModule(name.Name!);
    }
}
