using System.CommandLine;
using WasGo.Host.Commands;

var connection = new HostConnection();
RootCommand root = new("wasgo: a host for user-generated WebAssembly scripts in shared virtual worlds.")
{
    RunCommand.Create(),
    ModuleCommand.Create(connection),
    WorldCommand.Create(connection),
    EntityCommand.Create(connection),
    ValidateCommand.Create(),
    SqlCommand.Create(),
    CompileModuleCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
