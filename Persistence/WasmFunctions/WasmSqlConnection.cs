using System.Data.Common;
using Microsoft.Data.Sqlite;
using WasGo.Wasm;

namespace WasGo.Persistence;

/// <summary>
/// A SQLite connection that understands libSQL's <c>CREATE FUNCTION … LANGUAGE wasm</c> and
/// <c>DROP FUNCTION</c>: functions are kept in <c>libsql_wasm_func_table(name, body)</c> and
/// registered whenever the connection opens, so <c>SELECT name(args)</c> works in any query.
/// </summary>
/// <remarks>Like any ADO.NET connection, used by one thread at a time.</remarks>
public sealed class WasmSqlConnection : IAsyncDisposable
{
    private readonly Engine _engine;
    private readonly WasmFunctionOptions _options;
    private readonly Dictionary<string, WasmSqlFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    private WasmSqlConnection(SqliteConnection connection, WasmFunctionOptions options)
    {
        Connection = connection;
        _options = options;
        _engine = new Engine(new Config().WithMaxCallDepth(options.MaxCallDepth).WithMaxMemoryPages(options.MaxMemoryPages));
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
    /// <exception cref="WasmFunctionException">A stored function's module no longer loads.</exception>
    public static async Task<WasmSqlConnection> OpenAsync(string dataSource, WasmFunctionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataSource);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        var wrapper = new WasmSqlConnection(connection, options ?? new WasmFunctionOptions());
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

        await Connection.DisposeAsync().ConfigureAwait(false);
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
        catch (Exception exception) when (exception is WasmException or FormatException)
        {
            throw new WasmFunctionException($"The module of function '{name}' does not load: {exception.Message}", exception);
        }

        WasmSqlFunction.Validate(name, module);
        return new WasmSqlFunction(name, module, _engine, _options);
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
