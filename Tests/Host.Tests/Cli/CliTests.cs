using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Host.Demo;
using WasGo.Host.Tests.Run;
using Wasmtime;

namespace WasGo.Host.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wasgo-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ModuleWorldAndEntityCommands_Should_DriveARunningHost()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        string counter = Path.Combine(_folder, "counter.wasm");
        await File.WriteAllBytesAsync(counter, ExampleModules.Read("counter"));

        string petModule = Path.Combine(_folder, "pet.wasm");
        await File.WriteAllBytesAsync(petModule, ExampleModules.Read("pet"));

        (int deployCode, string deployed) = await host.CliAsync("module", "deploy", counter, "--version", "1.0");
        (int petDeployCode, string petDeployed) = await host.CliAsync("module", "deploy", petModule, "--version", "2");
        (_, string modules) = await host.CliAsync("module", "list");
        (int createCode, string created) = await host.CliAsync("world", "create", "town", "--tick-rate", "40");
        (_, string worlds) = await host.CliAsync("world", "list");
        (int spawnCode, string spawned) = await host.CliAsync("entity", "spawn", "town", "c1", "counter");
        (int petCode, string pet) = await host.CliAsync("entity", "spawn", "town", "p1", "pet");
        (int callCode, string called) = await host.CliAsync("entity", "call", "town", "c1", "increment", "41");
        (_, string state) = await host.CliAsync("entity", "state", "town", "c1");
        (int rateCode, string rate) = await host.CliAsync("world", "tick-rate", "town", "12.5");

        deployCode.Should().Be(0, deployed);
        petDeployCode.Should().Be(0, petDeployed);
        deployed.Should().Contain("deployed counter version 1.0").And.Contain("methods: get, increment, reset");
        modules.Should().Contain("counter").And.Contain("1.0");
        createCode.Should().Be(0, created);
        created.Should().MatchRegex("token: [A-Za-z0-9_-]{20,}");
        worlds.Should().Contain("town").And.Contain("40");
        spawnCode.Should().Be(0, spawned);
        string hash = System.Text.RegularExpressions.Regex.Match(deployed, "[0-9a-f]{64}").Value;
        spawned.Should().Contain($"spawned c1 in town, running counter@1.0 ({hash[..12]})")
            .And.Contain("its row is empty: its _ready set no columns", "the counter sets its count when first called")
            .And.NotContain("Column", "an empty row is said, not drawn as an empty table");
        petCode.Should().Be(0, pet);
        pet.Should().Contain("spawned p1 in town, running pet@2").And.Contain("Column").And.Contain("hunger", "the pet's _ready sets its hunger, which the spawn shows")
            .And.NotContain("its row is empty");
        callCode.Should().Be(0, called);
        called.Trim().Should().Be("41");
        state.Should().Contain("count").And.Contain("41");
        rateCode.Should().Be(0, rate);
        rate.Should().Contain("world town runs at 12.5 ticks a second");
    }

    [Fact]
    public async Task ACommandTheHostRefuses_Should_PrintItsReason_AndExit1()
    {
        using RunningHost host = await RunningHost.StartAsync();

        (int code, string output) = await host.CliAsync("entity", "call", "demo", "visits", "fly");
        (int tokenCode, string tokenOutput) = await WasgoProcess.RunAsync("world", "list", "--host", host.Url, "--token", "wrong");

        code.Should().Be(1);
        output.Should().Contain("wasgo: 404 Not Found: The script of 'visits' has no method 'fly'.");
        tokenCode.Should().Be(1);
        tokenOutput.Should().Contain("401");
    }

    [Fact]
    public async Task Commands_Should_SayWhenNoHostAnswers()
    {
        (int code, string output) = await WasgoProcess.RunAsync("world", "list", "--host", "http://127.0.0.1:9", "--token", "x");

        code.Should().Be(1);
        output.Should().Contain("no wasgo host answers at http://127.0.0.1:9/");
    }

    [Fact]
    public async Task Validate_Should_ListTheExports_OfAValidScript()
    {
        string pet = Path.Combine(_folder, "pet.wasm");
        await File.WriteAllBytesAsync(pet, ExampleModules.Read("pet"));

        (int code, string output) = await WasgoProcess.RunAsync("validate", pet);

        code.Should().Be(0, output);
        output.Should().Contain("pet.wasm is a valid WasGo script").And.Contain("owner_moved").And.Contain("_process");
    }

    [Fact]
    public async Task Validate_Should_GiveTheByteOffset_OfAMalformedModule_AndExit1()
    {
        string junk = Path.Combine(_folder, "junk.wasm");
        await File.WriteAllBytesAsync(junk, "\0asm\u0001\0\0\0\u0001\u0005"u8.ToArray());

        (int code, string output) = await WasgoProcess.RunAsync("validate", junk);

        code.Should().Be(1);
        output.Should().Contain("junk.wasm: ").And.Contain("(at offset 0xa)").And.Contain("is not a valid WasGo script");
    }

    [Fact]
    public async Task Validate_Should_ReportEveryAbiProblem()
    {
        string wrong = Path.Combine(_folder, "wrong.wasm");
        await File.WriteAllBytesAsync(wrong, Module.ConvertText("""
            (module
              (import "env" "print" (func (param i32)))
              (import "wasgo" "no_such_import" (func))
              (import "wasgo" "arg_count" (func (param i64) (result i32)))
              (func (export "_ready") (param i32)))
            """));

        (int code, string output) = await WasgoProcess.RunAsync("validate", wrong);

        code.Should().Be(1);
        output.Should().Contain("env.print").And.Contain("wasgo.no_such_import").And.Contain("wasgo.arg_count")
            .And.Contain("export memory: missing").And.Contain("export _ready").And.Contain("5 problems");
    }

    [Fact]
    public async Task Sql_Should_RunWasmFunctions_StoredInTheDatabase()
    {
        string database = Path.Combine(_folder, "fn.db");
        string module = Convert.ToHexString(Module.ConvertText("""
            (module
              (func (export "triple") (param $n i64) (result i64) (i64.mul (local.get $n) (i64.const 3))))
            """));

        (int code, string output) = await WasgoProcess.RunAsync("sql", "--database", database, $"CREATE FUNCTION triple LANGUAGE wasm AS X'{module}'", "SELECT triple(14) AS answer");
        (int again, string later) = await WasgoProcess.RunAsync("sql", "--database", database, "SELECT triple(1000000000000) AS big");

        code.Should().Be(0, output);
        output.Should().Contain("function created").And.Contain("answer").And.Contain("42");
        again.Should().Be(0, later);
        later.Should().Contain("3000000000000", "the function is kept in the database, with all 64 bits");
    }

    [Fact]
    public async Task Sql_Should_RunSeveralStatementsInOneArgument_AsLibSqlsShellDoes()
    {
        string database = Path.Combine(_folder, "several.db");
        string wat = """(module (func (export "f") (param i64) (result i64) (i64.add (local.get 0) (i64.const 41)))) ;; a wat comment;""";

        (int code, string output) = await WasgoProcess.RunAsync("sql", "--database", database, $"CREATE FUNCTION f LANGUAGE wasm AS '{wat}'; SELECT f(1) AS answer, 'a;b' AS text;");

        code.Should().Be(0, output);
        output.Should().Contain("function created").And.Contain("answer").And.Contain("42").And.Contain("a;b");
        output.IndexOf("function created", StringComparison.Ordinal).Should().BeLessThan(output.IndexOf("42", StringComparison.Ordinal), "the statements run in order");
    }

    [Fact]
    public async Task Sql_Should_NameTheStatementThatFailed_AfterRunningTheOnesBeforeIt()
    {
        (int code, string output) = await WasgoProcess.RunAsync("sql", "--database", Path.Combine(_folder, "n.db"), "SELECT 'first ran' AS a; SELEC nonsense; SELECT 'never' AS c");

        code.Should().Be(1);
        output.Should().Contain("first ran").And.Contain("wasgo: statement 2 of 3 (SELEC nonsense) failed: ").And.Contain("syntax error").And.NotContain("never");
    }

    [Fact]
    public async Task Sql_Should_ExplainWhereTheDatabaseIs_WhenThereIsNone()
    {
        (int code, string output) = await WasgoProcess.RunAsync("sql", "--data", Path.Combine(_folder, "nothing"), "SELECT 1");

        code.Should().Be(1);
        output.Should().Contain("there is no database at");
    }

    [Fact]
    public async Task Sql_Should_ReportSqlErrors_AndExit1()
    {
        (int code, string output) = await WasgoProcess.RunAsync("sql", "--database", Path.Combine(_folder, "e.db"), "SELEC nonsense");

        code.Should().Be(1);
        output.Should().Contain("wasgo: ").And.Contain("syntax error");
    }

    [Theory]
    [InlineData("--WasGo:Http:FeedRate=0", "WasGo:Http:FeedRate is 0; it must be above 0 and at most 100.")]
    [InlineData("--WasGo:Http:MaxJsonBytes=10", "WasGo:Http:MaxJsonBytes is 10; it must be at least 1024.")]
    [InlineData("--WasGo:Demo:WorldId=no spaces", "WasGo:Demo:WorldId is not a valid world id")]
    public async Task Run_Should_RefuseToStart_WithAnHttpOrDemoSettingOutOfRange(string setting, string message)
    {
        (int code, string output) = await WasgoProcess.RunAsync("run", "--WasGo:Storage:DataPath=" + Path.Combine(_folder, "data"), "--urls=http://127.0.0.1:0", setting);

        code.Should().Be(2, output);
        output.Should().Contain(message);
    }

    [Fact]
    public async Task Run_Should_SayWhenItsAddressIsTaken_AndExit2()
    {
        using RunningHost first = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");

        (int code, string output) = await WasgoProcess.RunAsync("run", "--WasGo:Storage:DataPath=" + Path.Combine(_folder, "data"), "--urls=" + first.Url);

        code.Should().Be(2, output);
        output.Should().Contain("address already in use").And.Contain("--urls=");
    }

    [Fact]
    public async Task RunCluster_Should_NameTheMissingSettings_AndExit2()
    {
        (int code, string output) = await WasgoProcess.RunAsync("run", "--cluster");

        code.Should().Be(2);
        output.Should().Contain("WasGo:Cluster:PostgreSql is not set").And.Contain("WasGo:Auth:AdminToken is not set");
    }

    [Fact]
    public async Task RunCluster_Should_RequireAnAdminToken_SinceEveryNodeMustAcceptTheSameOne()
    {
        (int code, string output) = await WasgoProcess.RunAsync("run", "--cluster", "--WasGo:Cluster:PostgreSql=Host=127.0.0.1");

        code.Should().Be(2, output);
        output.Should().Contain("WasGo:Auth:AdminToken is not set");
    }

    [Fact]
    public async Task RunCluster_Should_RefuseASeedNodeThatIsNotAnAkkaAddress_AndAPortOutOfRange()
    {
        (int code, string output) = await WasgoProcess.RunAsync(
            "run", "--cluster", "--WasGo:Cluster:PostgreSql=Host=127.0.0.1", "--WasGo:Auth:AdminToken=t",
            "--WasGo:Cluster:SeedNodes:0=http://x:4053", "--WasGo:Cluster:Port=70000");

        code.Should().Be(2);
        output.Should().Contain("SeedNodes has 'http://x:4053'; a seed node is akka.tcp://wasgo@host:port").And.Contain("Port is 70000");
    }
}
