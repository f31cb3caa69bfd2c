using FluentAssertions;

namespace WasGo.Persistence.Tests.WasmFunctions;

public sealed class SqlStatementsTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Split_Should_EndAStatementAtEachSemicolonBetweenStatements()
    {
        SqlStatements.Split("SELECT 1; SELECT 2 ;\nSELECT 3").Should().Equal("SELECT 1", "SELECT 2", "SELECT 3");
    }

    [Theory]
    [InlineData("SELECT 'a;b', 'it''s; here'", "string literals, with '' inside")]
    [InlineData("SELECT 1 AS \"a;b\"", "a double-quoted identifier")]
    [InlineData("SELECT 1 AS `a;b`", "a backquoted identifier")]
    [InlineData("SELECT 1 AS [a;b]", "a bracketed identifier")]
    [InlineData("SELECT X'3b', x'3B3b'", "blob literals")]
    [InlineData("SELECT 1 -- a comment; not the end\n  + 1", "a line comment")]
    [InlineData("SELECT /* ; */ 1", "a block comment")]
    [InlineData("CREATE FUNCTION f LANGUAGE wasm AS '(module (func (export \"f\") (result i64) (i64.const 1)) ;; a wat comment;\n)'", "libSQL's text module, whose own comments are ;;")]
    public void Split_Should_KeepASemicolonThatIsNotBetweenStatements(string statement, string inside)
    {
        SqlStatements.Split(statement + "; SELECT 2;").Should().Equal([statement, "SELECT 2"], "a ';' in {0} is part of the statement", inside);
    }

    [Fact]
    public void Split_Should_KeepATriggersBody_WhoseStatementsEndInSemicolons_InOneStatement()
    {
        const string Trigger = "CREATE TEMP TRIGGER log AFTER INSERT ON t BEGIN INSERT INTO l VALUES (new.a); UPDATE n SET c = c + 1; END";

        SqlStatements.Split(Trigger + "; INSERT INTO t VALUES (1);").Should().Equal(Trigger, "INSERT INTO t VALUES (1)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    [InlineData(";")]
    [InlineData(" ;; ;\n;")]
    [InlineData("-- only a comment")]
    [InlineData("/* a comment */ ; -- and another;\n")]
    public void Split_Should_LeaveOutEmptyStatements(string sql)
    {
        SqlStatements.Split(sql).Should().BeEmpty();
    }

    [Fact]
    public void Split_Should_DropTheCommentsBeforeAStatement_SoThatACommentedCreateFunctionIsStillOne()
    {
        SqlStatements.Split("-- make f\n/* twice */ CREATE FUNCTION f LANGUAGE wasm AS X'00';;SELECT f(1) -- call it")
            .Should().Equal("CREATE FUNCTION f LANGUAGE wasm AS X'00'", "SELECT f(1) -- call it");
    }

    [Fact]
    public void Split_Should_LeaveAnUnterminatedStatement_ForSqliteToRefuse()
    {
        SqlStatements.Split("SELECT 1; SELECT 'open; SELECT 2;").Should().Equal("SELECT 1", "SELECT 'open; SELECT 2;");
    }

    [Fact]
    public async Task SplitStatements_Should_RunOneByOne_ThroughAWasmSqlConnection()
    {
        string wat = """(module (func (export "double") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 2))))""";
        await using WasmSqlConnection db = await WasmSqlConnection.OpenAsync(Path.Combine(_folder.Path, "split.db"));

        IReadOnlyList<string> statements = SqlStatements.Split($"CREATE FUNCTION double LANGUAGE wasm AS '{wat}'; SELECT double(21) AS answer;");
        await db.ExecuteAsync(statements[0]);
        SqlQueryResult result = await db.QueryAsync(statements[1]);

        statements.Should().HaveCount(2);
        result.Rows.Should().ContainSingle().Which.Should().Equal(42L);
    }
}
