using System.Net;
using System.Text.Json;
using FluentAssertions;
using WasGo.Host.Commands;

namespace WasGo.Host.Tests.Cli;

/// <summary>The CLI's inputs to a world go with an Idempotency-Key, and are sent again with the same key while the world cannot answer.</summary>
public sealed class HostApiRetryTests
{
    [Fact]
    public async Task AnInput_Should_BeSentAgainWithTheSameKey_WhileTheWorldAnswers503Or504()
    {
        var host = new AnsweringHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout, HttpStatusCode.OK);
        using var api = new HostApi(new HttpClient(host) { BaseAddress = new Uri("http://wasgo.test") });

        JsonElement answer = await api.PostInputAsync("/api/worlds/w/entities/c/calls/increment", new { args = new[] { 1 } }, CancellationToken.None);

        answer.GetProperty("value").GetInt64().Should().Be(1);
        host.Keys.Should().HaveCount(3).And.OnlyContain(key => key == host.Keys[0], "every attempt of one input carries its one key");
        host.Keys[0].Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task TwoInputs_Should_HaveKeysOfTheirOwn_AndARefusal_Should_NotBeSentAgain()
    {
        var host = new AnsweringHandler(HttpStatusCode.OK, HttpStatusCode.NotFound);
        using var api = new HostApi(new HttpClient(host) { BaseAddress = new Uri("http://wasgo.test") });

        await api.PostInputAsync("/api/worlds/w/entities", new { id = "a", module = "counter" }, CancellationToken.None);
        Func<Task> refused = () => api.PostInputAsync("/api/worlds/w/entities/nobody/calls/increment", new { args = Array.Empty<int>() }, CancellationToken.None);

        await refused.Should().ThrowAsync<CommandException>().WithMessage("404*");
        host.Keys.Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task AQuery_Should_NotBeSentAgain_NorCarryAKey()
    {
        var host = new AnsweringHandler(HttpStatusCode.ServiceUnavailable);
        using var api = new HostApi(new HttpClient(host) { BaseAddress = new Uri("http://wasgo.test") });

        Func<Task> list = () => api.GetAsync("/api/worlds", CancellationToken.None);

        await list.Should().ThrowAsync<CommandException>().WithMessage("503*");
        host.Keys.Should().Equal([null]);
    }

    /// <summary>Answers each request with the next status (a world's answer with a value on success), noting the key it came with.</summary>
    private sealed class AnsweringHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _next;

        public List<string?> Keys { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Keys.Add(request.Headers.TryGetValues("Idempotency-Key", out IEnumerable<string>? keys) ? keys.Single() : null);
            HttpStatusCode status = statuses[Math.Min(_next++, statuses.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(status == HttpStatusCode.OK ? """{"value":1}""" : """{"detail":"not now"}"""),
            });
        }
    }
}
