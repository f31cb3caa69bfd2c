using System.CommandLine;
using System.Net.Http.Headers;
using WasGo.Host.Auth;

namespace WasGo.Host.Commands;

/// <summary>
/// How the <c>module</c>, <c>world</c> and <c>entity</c> commands reach a running host: its address
/// (<c>--host</c>, else <c>WASGO_HOST</c>, else http://127.0.0.1:5080) and a token (<c>--token</c>, else
/// <c>WASGO_TOKEN</c>, else the admin token a dev host keeps in its data folder, <c>--data</c>).
/// </summary>
internal sealed class HostConnection
{
    /// <summary>The address of <c>wasgo run</c> with its default settings.</summary>
    public const string DefaultHost = "http://127.0.0.1:5080";

    public Option<string> Host { get; } = new("--host")
    {
        Description = "The host's address (default: $WASGO_HOST, else " + DefaultHost + ").",
        DefaultValueFactory = static _ => Environment.GetEnvironmentVariable("WASGO_HOST") is { Length: > 0 } host ? host : DefaultHost,
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "A bearer token (default: $WASGO_TOKEN, else the admin token in the data folder).",
        DefaultValueFactory = static _ => Environment.GetEnvironmentVariable("WASGO_TOKEN"),
        Recursive = true,
    };

    public Option<string> Data { get; } = new("--data")
    {
        Description = "The dev host's data folder, where its admin token is kept (default: data).",
        DefaultValueFactory = static _ => "data",
        Recursive = true,
    };

    /// <summary>Adds the options to a command group; its subcommands inherit them.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Host);
        command.Options.Add(Token);
        command.Options.Add(Data);
        return command;
    }

    public HostApi Open(ParseResult parseResult)
    {
        var client = new HttpClient { BaseAddress = AddressOf(parseResult), Timeout = TimeSpan.FromSeconds(60) };
        if (TokenFor(parseResult) is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new HostApi(client);
    }

    /// <summary>The host's address, checked.</summary>
    public Uri AddressOf(ParseResult parseResult)
    {
        string address = parseResult.GetValue(Host)!;
        return Uri.TryCreate(address, UriKind.Absolute, out Uri? baseAddress) && baseAddress.Scheme is ("http" or "https")
            ? baseAddress
            : throw new CommandException($"--host '{address}' is not an http:// or https:// address.");
    }

    /// <summary>The token to send, or null when none is given and the data folder holds no admin token.</summary>
    public string? TokenFor(ParseResult parseResult)
    {
        if (parseResult.GetValue(Token) is { Length: > 0 } token)
        {
            return token;
        }

        string file = AdminToken.PathIn(parseResult.GetValue(Data)!);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }
}
