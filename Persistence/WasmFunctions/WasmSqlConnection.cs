using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Wasmtime;

namespace WasGo.Persistence;

/// <summary>
/// A SQLite connection that understands libSQL's <c>CREATE FUNCTION … LANGUAGE wasm</c> and
/// <c>DROP FUNCTION</c>: functions are kept in <c>libsql_wasm_func_table(name, body)</c> and
/// registered whenever the connection opens, so <c>SELECT name(args)</c> works in any query.
/// </summary>
/// <remarks>
/// Functions run in Wasmtime, sandboxed: each call gets <see cref="WasmFunctionOptions.FuelPerCall"/>
/// fuel (a call that uses it all fails its statement; the connection stays usable), each function's
/// memory is capped at <see cref="WasmFunctionOptions.MaxMemoryPages"/>, a module may import nothing,
/// threads (shared memory) are off, and NaNs are canonicalised so results are the same on every
/// machine. One engine per connection; each function's module is compiled once. Like any ADO.NET
/// connection, used by one thread at a time.
/// </remarks>
public sealed class WasmSqlConnection : IAsyncDisposable
{
    private readonly Engine _engine;
    private readonly Linker _linker;
    private readonly WasmFunctionOptions _options;
    private readonly Dictionary<string, WasmSqlFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    private WasmSqlConnection(SqliteConnection connection, WasmFunctionOptions options)
    {
        Connection = connection;
        _options = options;
        _engine = new Engine(new Config()
            .WithFuelConsumption(true)
            .WithWasmThreads(false)
            .WithCraneliftNaNCanonicalization(true)
            .WithMaximumStackSize(options.MaxStackSize));

        // Defines nothing: a SQL function's module imports nothing (WasmSqlFunction checks).
        _linker = new Linker(_engine);
    }

    /// <summary>Gets the underlying connection, for ordinary ADO.NET use; the wasm functions are registered on it.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Gets the names of the functions registered on the connection.</summary>
    public IReadOnlyCollection<string> FunctionNames => _functions.Keys;

    /// <summary>Opens a connection to a SQLite file (created if missing) and registers the functions stored in it.</summary>
    /// <param name="dataSource">The database file.</param>
    /// <param name="options">The limits functions run under, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is outside its range (the message says which).</exception>
    /// <exception cref="WasmFunctionException">A stored function's module no longer loads.</exception>
    public static async Task<WasmSqlConnection> OpenAsync(string dataSource, WasmFunctionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataSource);
        WasmFunctionOptions limits = Snapshot(options ?? new WasmFunctionOptions());
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        var wrapper = new WasmSqlConnection(connection, limits);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await wrapper.NonQueryAsync("CREATE TABLE IF NOT EXISTS libsql_wasm_func_table (name TEXT PRIMARY KEY, body TEXT)", cancellationToken).ConfigureAwait(false);
            foreach ((string name, string body) in await wrapper.StoredFunctionsAsync(cancellationToken).ConfigureAwait(false))
            {
                wrapper.Register(name, body);
            }
        }
        catch
        {
            await wrapper.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return wrapper;
    }

    /// <summary>Executes a statement: a libSQL function statement, or anything SQLite runs.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>The number of rows changed (1 for a created or dropped function).</returns>
    /// <exception cref="WasmFunctionException">A function statement failed: bad module, name taken or unknown.</exception>
    /// <exception cref="SqliteException">SQLite refused the statement, or a function in it failed.</exception>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        WasmFunctionStatement? statement = WasmFunctionStatement.TryParse(sql);
        if (statement is null)
        {
            return await NonQueryAsync(sql, cancellationToken).ConfigureAwait(false);
        }

        return statement.IsCreate
            ? await CreateFunctionAsync(statement, cancellationToken).ConfigureAwait(false)
            : await DropFunctionAsync(statement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query and reads all its rows.</summary>
    /// <param name="sql">The query.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The columns and rows.</returns>
    /// <exception cref="SqliteException">SQLite refused the query, or a function in it failed (the message says which and why).</exception>
    public async Task<SqlQueryResult> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using SqliteCommand command = Connection.CreateCommand();
#pragma warning disable CA2100 // Running the caller's SQL is this method's purpose; it is the caller's own database.
        command.CommandText = sql;
#pragma warning restore CA2100
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        string[] columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new SqlQueryResult(columns, rows);
    }

    /// <summary>Closes the connection and frees the functions' instances.</summary>
    /// <returns>A task that completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (WasmSqlFunction function in _functions.Values)
        {
            function.Dispose();
        }

        _functions.Clear();
        await Connection.DisposeAsync().ConfigureAwait(false);
        _linker.Dispose();
        _engine.Dispose();
    }

    private async Task<int> CreateFunctionAsync(WasmFunctionStatement statement, CancellationToken cancellationToken)
    {
        if (_functions.ContainsKey(statement.Name))
        {
            return statement.Conditional
                ? 0
                : throw new WasmFunctionException($"Function '{statement.Name}' already exists; DROP FUNCTION it first, or use CREATE FUNCTION IF NOT EXISTS.");
        }

        WasmSqlFunction function = Compile(statement.Name, statement.Body!);
        using SqliteCommand insert = Connection.CreateCommand();
        insert.CommandText = "INSERT INTO libsql_wasm_func_table (name, body) VALUES (@name, @body)";
        insert.With("@name", statement.Name).With("@body", statement.Body);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Install(function);
        return 1;
    }

    private async Task<int> DropFunctionAsync(WasmFunctionStatement statement, CancellationToken cancellationToken)
    {
        if (!_functions.Remove(statement.Name, out WasmSqlFunction? dropped))
        {
            return statement.Conditional
                ? 0
                : throw new WasmFunctionException($"Function '{statement.Name}' does not exist; use DROP FUNCTION IF EXISTS to ignore that.");
        }

        using SqliteCommand delete = Connection.CreateCommand();
        delete.CommandText = "DELETE FROM libsql_wasm_func_table WHERE name = @name";
        delete.With("@name", statement.Name);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Connection.CreateFunction(statement.Name, (Func<object?[], object?>?)null);
        dropped.Dispose();
        return 1;
    }

    private void Register(string name, string body) => Install(Compile(name, body));

    private WasmSqlFunction Compile(string name, string body)
    {
        Module module;
        try
        {
            module = Module.FromBytes(_engine, name, WasmFunctionStatement.ModuleBytes(body));
        }
        catch (WasmtimeException exception)
        {
            throw new WasmFunctionException($"The module of function '{name}' does not load: {WasmtimeErrors.Describe(exception)}.", exception);
        }
        catch (FormatException exception)
        {
            throw new WasmFunctionException($"The module of function '{name}' does not load: {exception.Message}", exception);
        }

        return WasmSqlFunction.Create(name, module, _engine, _linker, _options);
    }

    // A copy, checked, so a caller changing its options later does not change this connection's limits.
    private static WasmFunctionOptions Snapshot(WasmFunctionOptions options)
    {
        if (options.FuelPerCall < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FuelPerCall, string.Create(CultureInfo.InvariantCulture, $"WasmFunctionOptions.FuelPerCall is {options.FuelPerCall}; it must be at least 1."));
        }

        if (options.MaxMemoryPages is < 0 or > WasmFunctionOptions.MaxMemoryPagesLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxMemoryPages, string.Create(CultureInfo.InvariantCulture, $"WasmFunctionOptions.MaxMemoryPages is {options.MaxMemoryPages}; it must be between 0 and {WasmFunctionOptions.MaxMemoryPagesLimit} (64 KiB pages)."));
        }

        if (options.MaxStackSize is < WasmFunctionOptions.MinStackSize or > WasmFunctionOptions.MaxStackSizeLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxStackSize, string.Create(CultureInfo.InvariantCulture, $"WasmFunctionOptions.MaxStackSize is {options.MaxStackSize}; it must be between {WasmFunctionOptions.MinStackSize} and {WasmFunctionOptions.MaxStackSizeLimit} bytes."));
        }

        return new WasmFunctionOptions { FuelPerCall = options.FuelPerCall, MaxMemoryPages = options.MaxMemoryPages, MaxStackSize = options.MaxStackSize };
    }

    private void Install(WasmSqlFunction function)
    {
        _functions[function.Name] = function;
        Connection.CreateFunction(function.Name, (object?[] arguments) => function.Invoke(arguments), isDeterministic: false);
    }

    private async Task<List<(string Name, string Body)>> StoredFunctionsAsync(CancellationToken cancellationToken)
    {
        using SqliteCommand select = Connection.CreateCommand();
        select.CommandText = "SELECT name, body FROM libsql_wasm_func_table ORDER BY name";
        using SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var functions = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            functions.Add((reader.GetString(0), reader.GetString(1)));
        }

        return functions;
    }

    private async Task<int> NonQueryAsync(string sql, CancellationToken cancellationToken)
    {
        using DbCommand command = Connection.CreateCommand();
#pragma warning disable CA2100 // Running the caller's SQL is this method's purpose; it is the caller's own database.
        command.CommandText = sql;
#pragma warning restore CA2100
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
