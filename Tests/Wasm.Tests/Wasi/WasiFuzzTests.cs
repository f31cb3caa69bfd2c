using System;
using System.Globalization;
using System.Linq;
using System.Text;
using FluentAssertions;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>
/// Every preview1 function, imported with the type the spec gives it (wasi_snapshot_preview1.witx), called
/// many times with random and edge-of-memory arguments: each call returns one of the documented errnos,
/// never throws into the host, never crashes.
/// </summary>
public sealed class WasiFuzzTests
{
    /// <summary>Name and parameter kinds ('i' i32, 'I' i64) of every preview1 function; all return an i32 errno but proc_exit.</summary>
    private static readonly (string Name, string Parameters)[] s_functions =
    [
        ("args_get", "ii"), ("args_sizes_get", "ii"), ("environ_get", "ii"), ("environ_sizes_get", "ii"),
        ("clock_res_get", "ii"), ("clock_time_get", "iIi"),
        ("fd_advise", "iIIi"), ("fd_allocate", "iII"), ("fd_close", "i"), ("fd_datasync", "i"),
        ("fd_fdstat_get", "ii"), ("fd_fdstat_set_flags", "ii"), ("fd_fdstat_set_rights", "iII"),
        ("fd_filestat_get", "ii"), ("fd_filestat_set_size", "iI"), ("fd_filestat_set_times", "iIIi"),
        ("fd_pread", "iiiIi"), ("fd_prestat_get", "ii"), ("fd_prestat_dir_name", "iii"), ("fd_pwrite", "iiiIi"),
        ("fd_read", "iiii"), ("fd_readdir", "iiiIi"), ("fd_renumber", "ii"), ("fd_seek", "iIii"), ("fd_sync", "i"),
        ("fd_tell", "ii"), ("fd_write", "iiii"),
        ("path_create_directory", "iii"), ("path_filestat_get", "iiiii"), ("path_filestat_set_times", "iiiiIIi"),
        ("path_link", "iiiiiii"), ("path_open", "iiiiiIIii"), ("path_readlink", "iiiiii"),
        ("path_remove_directory", "iii"), ("path_rename", "iiiiii"), ("path_symlink", "iiiii"), ("path_unlink_file", "iii"),
        ("poll_oneoff", "iiii"), ("proc_exit", "i"), ("proc_raise", "i"), ("random_get", "ii"), ("sched_yield", ""),
        ("sock_accept", "iii"), ("sock_recv", "iiiiii"), ("sock_send", "iiiii"), ("sock_shutdown", "ii"),
    ];

    private static readonly int[] s_errnos = [0, 8, 21, 28, 52, 54, 57, 70, 76];

    [Fact]
    public void EveryPreview1Function_Should_LinkWithTheSpecsType()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi();

        var instance = linker.Instantiate(store, Module.FromBytes(engine, "all", WasGo.Wasm.Text.Wat.Parse(ProxyModule())));

        instance.ExportNames.Should().HaveCount(s_functions.Length + 1);
    }

    [Fact]
    public void EveryPreview1Function_Should_ReturnAnErrno_ForRandomArguments()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        var output = new MemoryOutput(1 << 20);
        linker.DefineWasi(new WasiConfiguration().WithArgs("a", "bc").WithEnvironment("K", "V").WithStandardInput(new byte[100])
            .WithStandardOutput(output).WithStandardError(output).WithDeterminism(7));
        var instance = linker.Instantiate(store, Module.FromBytes(engine, "all", WasGo.Wasm.Text.Wat.Parse(ProxyModule())));
        var random = new Random(1234);
        var exits = 0;

        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            var (name, parameters) = s_functions[random.Next(s_functions.Length)];
            var arguments = parameters.Select(p => p == 'i' ? ValueBox.FromInt32(RandomInt32(random)) : ValueBox.FromInt64(random.NextInt64(long.MinValue, long.MaxValue))).ToArray();
            try
            {
                var result = instance.GetFunction(name)!.Invoke(arguments);
                if (name != "proc_exit")
                {
                    s_errnos.Should().Contain((int)result!, $"{name}({string.Join(", ", arguments.Select(static a => a.ToObject()))}) returns a documented errno");
                }
            }
            catch (WasiExitException)
            {
                name.Should().Be("proc_exit");
                exits++;
            }
        }

        exits.Should().BePositive();
    }

    private static int RandomInt32(Random random) => random.Next(6) switch
    {
        0 => random.Next(0, 4),
        1 => random.Next(0, 256),
        2 => WasiGuest.PageSize - random.Next(0, 32),
        3 => -random.Next(1, 32),
        4 => random.Next(0, WasiGuest.PageSize),
        _ => random.Next(int.MinValue, int.MaxValue),
    };

    private static string ProxyModule()
    {
        var imports = new StringBuilder("(module\n");
        var functions = new StringBuilder("  (memory (export \"memory\") 1)\n");
        foreach (var (name, parameters) in s_functions)
        {
            var signature = string.Concat(parameters.Select(static p => p == 'i' ? " i32" : " i64"));
            var result = name == "proc_exit" ? string.Empty : " (result i32)";
            var forward = string.Concat(Enumerable.Range(0, parameters.Length).Select(static i => string.Create(CultureInfo.InvariantCulture, $" (local.get {i})")));
            imports.Append(CultureInfo.InvariantCulture, $"  (import \"wasi_snapshot_preview1\" \"{name}\" (func ${name} (param{signature}){result}))\n");
            functions.Append(CultureInfo.InvariantCulture, $"  (func (export \"{name}\") (param{signature}){result} (call ${name}{forward}))\n");
        }

        var text = imports.Append(functions);
        return text.Append(')').ToString();
    }
}
