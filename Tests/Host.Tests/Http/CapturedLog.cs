using Microsoft.Extensions.Logging;

namespace WasGo.Host.Tests.Http;

/// <summary>One log line.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? string.Empty : " " + Exception.GetType().Name)}";
}
