using System.Data.Common;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Npgsql;
using WasGo.Persistence.Tests.PostgreSql;

namespace WasGo.Persistence.Tests.Journals;

/// <summary>
/// <see cref="JournalConflicts.IsSequenceConflict"/> on the errors the real databases raise, not on
/// exceptions made up to look like them: a primary key taken twice, and failures that are not that.
/// </summary>
public sealed class JournalConflictsTests(PostgreSqlDatabaseFixture postgres) : IClassFixture<PostgreSqlDatabaseFixture>
{
    // A temporary table is the connection's own, so each test starts from none.
    private const string CreateTable = "CREATE TEMP TABLE taken (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
    private const string InsertOne = "INSERT INTO taken (id, name) VALUES (1, 'first')";

    [Fact]
    public async Task IsSequenceConflict_Should_BeTrue_ForAPrimaryKeyTakenTwiceOnSqlite()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        SqliteException taken = await FailureAsync<SqliteException>(connection, CreateTable, InsertOne, InsertOne);

        Wrapped(taken).Should().AllSatisfy(failure => JournalConflicts.IsSequenceConflict(failure).Should().BeTrue());
    }

    [Fact]
    public async Task IsSequenceConflict_Should_BeTrue_ForAPrimaryKeyTakenTwiceOnPostgreSql()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        PostgresException taken = await FailureAsync<PostgresException>(connection, CreateTable, InsertOne, InsertOne);

        Wrapped(taken).Should().AllSatisfy(failure => JournalConflicts.IsSequenceConflict(failure).Should().BeTrue());
    }

    [Fact]
    public async Task IsSequenceConflict_Should_BeFalse_ForASqliteErrorThatIsNoConstraint()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        SqliteException syntax = await FailureAsync<SqliteException>(connection, "INSERT INTO");

        Wrapped(syntax).Should().AllSatisfy(failure => JournalConflicts.IsSequenceConflict(failure).Should().BeFalse());
    }

    [Fact]
    public async Task IsSequenceConflict_Should_BeFalse_ForAPostgresErrorOfAnotherSqlState()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        // Another constraint of the same row, which only a unique violation's SqlState tells apart.
        PostgresException missing = await FailureAsync<PostgresException>(connection, CreateTable, "INSERT INTO taken (id) VALUES (1)");

        missing.SqlState.Should().Be(PostgresErrorCodes.NotNullViolation);
        Wrapped(missing).Should().AllSatisfy(failure => JournalConflicts.IsSequenceConflict(failure).Should().BeFalse());
    }

    [Fact]
    public void IsSequenceConflict_Should_BeFalse_ForAnIOException()
    {
        Wrapped(new IOException("The disk is away.")).Should().AllSatisfy(failure => JournalConflicts.IsSequenceConflict(failure).Should().BeFalse());
    }

    /// <summary>Opens <paramref name="connection"/> and runs <paramref name="statements"/> in turn, expecting one of them to throw.</summary>
    private static async Task<TException> FailureAsync<TException>(DbConnection connection, params string[] statements)
        where TException : DbException
    {
        await connection.OpenAsync();
        Func<Task> run = async () =>
        {
            foreach (string sql in statements)
            {
                await using DbCommand command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }
        };

        return (await run.Should().ThrowAsync<TException>()).Which;
    }

    /// <summary><paramref name="failure"/> as the journal plugin may hand it on: alone, inside an AggregateException, or as an InnerException.</summary>
    private static Exception[] Wrapped(Exception failure) =>
    [
        failure,
        new AggregateException(new TimeoutException(), failure),
        new InvalidOperationException("The journal write failed.", failure),
        new AggregateException(new InvalidOperationException("The journal write failed.", failure)),
    ];
}
