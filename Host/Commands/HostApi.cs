using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace WasGo.Host.Commands;

/// <summary>
/// The HTTP API as the commands use it: a refusal becomes a <see cref="CommandException"/> with the
/// host's own message. An input to a world (a spawn, a call, a tick rate) goes with an
/// <c>Idempotency-Key</c> of its own and is sent again with the same key while the world answers
/// 503 (moving, restarting) or 504 (busy), so that it is applied once.
/// </summary>
internal sealed class HostApi(HttpClient client) : IDisposable
{
    private static readonly ResiliencePipeline<HttpResponseMessage> s_inputRetry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result?.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
            // A world that moves answers again within about 10 s (Benchmarks/README.md, fail-over): 0.5 s doubling to 8 s covers 30 s.
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(8),
            UseJitter = true,
            OnRetry = static args =>
            {
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonElement> PostJsonAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);

    /// <summary>Posts an input to a world with a key of its own, again with the same key while the world cannot answer.</summary>
    public Task<JsonElement> PostInputAsync(string path, object body, CancellationToken cancellationToken) =>
        SendInputAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>Puts an input to a world with a key of its own, again with the same key while the world cannot answer.</summary>
    public Task<JsonElement> PutInputAsync(string path, object body, CancellationToken cancellationToken) =>
        SendInputAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<JsonElement> PostBytesAsync(string path, byte[] body, CancellationToken cancellationToken) =>
        SendAsync(
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/wasm");
                return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            },
            cancellationToken);

    public void Dispose() => client.Dispose();

    private Task<JsonElement> SendInputAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        string key = Guid.NewGuid().ToString("N");
        return SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                return request;
            },
            cancellationToken,
            s_inputRetry);
    }

    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken, ResiliencePipeline<HttpResponseMessage>? retry = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await (retry ?? ResiliencePipeline<HttpResponseMessage>.Empty).ExecuteAsync(
                async token =>
                {
                    using HttpRequestMessage attempt = request();
                    return await client.SendAsync(attempt, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException unreachable) when (unreachable.InnerException is SocketException)
        {
            throw new CommandException($"no wasgo host answers at {client.BaseAddress}; start one with 'wasgo run', or point --host (or WASGO_HOST) at it.");
        }

        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CommandException($"{(int)response.StatusCode} {response.ReasonPhrase}: {DetailOf(body)}");
            }

            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    private static string DetailOf(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("detail", out JsonElement detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
