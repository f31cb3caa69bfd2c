using System.CommandLine;
using WasGo.Host.Commands;

RootCommand root = new("wasgo: a host for user-generated WebAssembly scripts in shared virtual worlds.")
{
    RunCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
