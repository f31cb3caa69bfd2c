using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Wasmtime;

namespace WasGo.Persistence;

/// <summary>
/// One call of a SQL function's export, from SQLite's argument array to SQLite's result, through a
/// typed Wasmtime delegate made once per instance (about 5× cheaper per call than the untyped
/// <see cref="Function.Invoke(ReadOnlySpan{ValueBox})"/>). Exports with up to
/// <see cref="MaxTypedParameters"/> parameters and one result get a typed delegate; the rest go
/// through the untyped invoker.
/// </summary>
/// <remarks>Used by one <see cref="WasmSqlFunction"/>, so by one thread at a time.</remarks>
internal abstract class GuestCall
{
    /// <summary>The most parameters a typed delegate is made for.</summary>
    public const int MaxTypedParameters = 4;

    private static readonly Type[] s_typedShapes = [typeof(Typed<>), typeof(Typed<,>), typeof(Typed<,,>), typeof(Typed<,,,>), typeof(Typed<,,,,>)];

    /// <summary>Calls the export with SQLite's arguments (already counted) and returns SQLite's result.</summary>
    public abstract object? Invoke(WasmSqlFunction function, object?[] arguments);

    /// <summary>Makes the call for <paramref name="export"/>, whose types <see cref="WasmSqlFunction.Validate"/> has checked.</summary>
    public static GuestCall For(Function export)
    {
        IReadOnlyList<ValueKind> parameters = export.Parameters;
        IReadOnlyList<ValueKind> results = export.Results;
        if (parameters.Count > MaxTypedParameters || results.Count != 1)
        {
            return new Untyped(export, [.. parameters]);
        }

        Type[] types = [.. parameters.Select(ClrType), ClrType(results[0])];
        Type shape = s_typedShapes[parameters.Count].MakeGenericType(types);
        MethodInfo create = shape.GetMethod(nameof(Typed<long>.Create), BindingFlags.Public | BindingFlags.Static)!;
        return (GuestCall)create.Invoke(null, [export])!;
    }

    private static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => typeof(int),
        ValueKind.Int64 => typeof(long),
        ValueKind.Float32 => typeof(float),
        ValueKind.Float64 => typeof(double),
        _ => throw new UnreachableException($"WasmSqlFunction.Validate lets no {kind} through."),
    };

    // For a value-type T the JIT compiles one body per T and drops the branches that do not match.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Argument<T>(WasmSqlFunction function, object?[] arguments, int index)
        where T : struct
    {
        if (typeof(T) == typeof(long))
        {
            long integer = function.ToInt64(arguments[index], index + 1);
            return Unsafe.As<long, T>(ref integer);
        }

        if (typeof(T) == typeof(double))
        {
            double real = function.ToFloat64(arguments[index], index + 1);
            return Unsafe.As<double, T>(ref real);
        }

        Debug.Assert(typeof(T) == typeof(int), "Validate lets only i32, i64 and f64 parameters through.");
        int address = function.ToTaggedValue(arguments[index], index + 1);
        return Unsafe.As<int, T>(ref address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static object? Result<T>(WasmSqlFunction function, T result)
        where T : struct
    {
        if (typeof(T) == typeof(long))
        {
            return Unsafe.As<T, long>(ref result);
        }

        if (typeof(T) == typeof(double))
        {
            return Unsafe.As<T, double>(ref result);
        }

        if (typeof(T) == typeof(float))
        {
            return (double)Unsafe.As<T, float>(ref result);
        }

        Debug.Assert(typeof(T) == typeof(int), "Validate lets only i32, i64, f32 and f64 results through.");
        return function.FromTaggedValue(Unsafe.As<T, int>(ref result));
    }

    private sealed class Typed<TResult>(Func<TResult> call) : GuestCall
        where TResult : struct
    {
        public static Typed<TResult> Create(Function export) => new Typed<TResult>(export.WrapFunc<TResult>()!);

        public override object? Invoke(WasmSqlFunction function, object?[] arguments) => Result(function, call());
    }

    private sealed class Typed<T1, TResult>(Func<T1, TResult> call) : GuestCall
        where T1 : struct
        where TResult : struct
    {
        public static Typed<T1, TResult> Create(Function export) => new Typed<T1, TResult>(export.WrapFunc<T1, TResult>()!);

        public override object? Invoke(WasmSqlFunction function, object?[] arguments) =>
            Result(function, call(Argument<T1>(function, arguments, 0)));
    }

    private sealed class Typed<T1, T2, TResult>(Func<T1, T2, TResult> call) : GuestCall
        where T1 : struct
        where T2 : struct
        where TResult : struct
    {
        public static Typed<T1, T2, TResult> Create(Function export) => new Typed<T1, T2, TResult>(export.WrapFunc<T1, T2, TResult>()!);

        public override object? Invoke(WasmSqlFunction function, object?[] arguments) =>
            Result(function, call(Argument<T1>(function, arguments, 0), Argument<T2>(function, arguments, 1)));
    }

    private sealed class Typed<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> call) : GuestCall
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where TResult : struct
    {
        public static Typed<T1, T2, T3, TResult> Create(Function export) => new Typed<T1, T2, T3, TResult>(export.WrapFunc<T1, T2, T3, TResult>()!);

        public override object? Invoke(WasmSqlFunction function, object?[] arguments) =>
            Result(function, call(Argument<T1>(function, arguments, 0), Argument<T2>(function, arguments, 1), Argument<T3>(function, arguments, 2)));
    }

    private sealed class Typed<T1, T2, T3, T4, TResult>(Func<T1, T2, T3, T4, TResult> call) : GuestCall
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where TResult : struct
    {
        public static Typed<T1, T2, T3, T4, TResult> Create(Function export) => new Typed<T1, T2, T3, T4, TResult>(export.WrapFunc<T1, T2, T3, T4, TResult>()!);

        public override object? Invoke(WasmSqlFunction function, object?[] arguments) =>
            Result(function, call(Argument<T1>(function, arguments, 0), Argument<T2>(function, arguments, 1), Argument<T3>(function, arguments, 2), Argument<T4>(function, arguments, 3)));
    }

    /// <summary>Many parameters, or no result: Wasmtime's untyped invoker.</summary>
    private sealed class Untyped(Function export, ValueKind[] parameters) : GuestCall
    {
        public override object? Invoke(WasmSqlFunction function, object?[] arguments)
        {
            var boxes = new ValueBox[parameters.Length];
            for (int i = 0; i < boxes.Length; i++)
            {
                boxes[i] = parameters[i] switch
                {
                    ValueKind.Int64 => (ValueBox)function.ToInt64(arguments[i], i + 1),
                    ValueKind.Float64 => (ValueBox)function.ToFloat64(arguments[i], i + 1),
                    _ => (ValueBox)function.ToTaggedValue(arguments[i], i + 1),
                };
            }

            return export.Invoke(boxes) switch
            {
                null => (object?)null,
                long integer => (object)integer,
                double real => (object)real,
                float single => (object)(double)single,
                int address => function.FromTaggedValue(address),
                object other => throw new UnreachableException($"WasmSqlFunction.Validate lets no {other.GetType().Name} result through."),
            };
        }
    }
}
