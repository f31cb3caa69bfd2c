using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WasGo.Persistence;

/// <summary>
/// Splits a script of SQL statements, as libSQL's shell takes them (<c>CREATE FUNCTION f …; SELECT
/// f(1);</c>), into statements that <see cref="WasmSqlConnection.ExecuteAsync"/> and
/// <see cref="WasmSqlConnection.QueryAsync"/> run one at a time.
/// </summary>
/// <remarks>
/// A <c>;</c> ends a statement where SQLite's own tokenizer says the text before it is a complete
/// statement (<c>sqlite3_complete</c>): not inside a string ('it''s;'), a quoted identifier ("a;b",
/// `a;b`, [a;b]), a blob (X'3b'), a <c>--</c> or <c>/* */</c> comment, nor inside the body of a
/// <c>CREATE TRIGGER … BEGIN … END</c>. That holds for libSQL's <c>CREATE FUNCTION … AS X'…'</c> and
/// <c>AS '(module …)'</c> as well, which SQLite could not prepare. Thread-safe.
/// </remarks>
public static class SqlStatements
{
    /// <summary>
    /// Splits <paramref name="sql"/> into its statements, in order: each without the <c>;</c> that
    /// ends it, without the whitespace and comments before it and the whitespace after it. Empty
    /// statements (<c>;;</c>, a trailing <c>;</c>, only whitespace or comments) are left out; text
    /// after the last <c>;</c> is a statement of its own, and so is an unterminated one (an open
    /// string), which SQLite then refuses with its own message.
    /// </summary>
    /// <param name="sql">The script.</param>
    /// <returns>The statements; none for a script of only whitespace, comments and semicolons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sql"/> is null.</exception>
    public static IReadOnlyList<string> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);

        // Microsoft.Data.Sqlite loads the native SQLite (SQLitePCL's provider) in SqliteConnection's
        // static constructor; run it, once, before calling into SQLite without a connection.
        RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);

        var statements = new List<string>();
        int start = 0;
        for (int semicolon = sql.IndexOf(';', start); semicolon >= 0; semicolon = sql.IndexOf(';', semicolon + 1))
        {
            // Only the current statement is given to SQLite, so a long script costs its length, not its square.
            if (raw.sqlite3_complete(sql[start..(semicolon + 1)]) != 0)
            {
                Add(statements, sql, start, semicolon);
                start = semicolon + 1;
            }
        }

        Add(statements, sql, start, sql.Length);
        return statements;
    }

    private static void Add(List<string> statements, string sql, int start, int end)
    {
        int first = SkipBlank(sql, start, end);
        if (first < end)
        {
            statements.Add(sql[first..end].TrimEnd(' ', '\t', '\n', '\f', '\r'));
        }
    }

    /// <summary>The index of the first character at or after <paramref name="index"/> that is not SQLite's whitespace or in a comment, or <paramref name="end"/>.</summary>
    private static int SkipBlank(string sql, int index, int end)
    {
        while (index < end)
        {
            if (sql[index] is ' ' or '\t' or '\n' or '\f' or '\r')
            {
                index++;
            }
            else if (sql[index] == '-' && index + 1 < end && sql[index + 1] == '-')
            {
                int newline = sql.IndexOf('\n', index, end - index);
                index = newline < 0 ? end : newline + 1;
            }
            else if (sql[index] == '/' && index + 1 < end && sql[index + 1] == '*')
            {
                int close = sql.IndexOf("*/", index + 2, end - index - 2, StringComparison.Ordinal);
                index = close < 0 ? end : close + 2;
            }
            else
            {
                return index;
            }
        }

        return end;
    }
}
