using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using WasGo.Host.Tests.Http;

namespace WasGo.Host.Tests.Requests;

/// <summary>
/// A JSON body whose strings are not text — bytes that are not UTF-8, or half a surrogate pair
/// escaped — is a 400 problem naming where, on every endpoint that takes JSON (it was a 500 with
/// an empty body).
/// </summary>
public sealed class InvalidTextTests
{
    public static TheoryData<string, string, string, string> Bodies => new()
    {
        // method, path, body (\xFF stands for the byte 0xFF), what the detail says
        { "POST", "/api/worlds", """{"id":"\xFF"}""", "The field 'id' is not valid text: it holds bytes that are not UTF-8" },
        { "POST", "/api/worlds", """{"id":"\ud800"}""", "The field 'id' is not valid text: it holds a \\u escape of half a surrogate pair" },
        { "POST", "/api/worlds", """{"id":"w","\xFF":1}""", "A field name in the body is not valid text" },
        { "PUT", "/api/worlds/w/tick-rate", """{"tickRate":5,"note":"\udc00x"}""", "The field 'note' is not valid text" },
        { "POST", "/api/worlds/w/entities", """{"id":"\xC3\x28","module":"counter"}""", "The field 'id' is not valid text: it holds bytes that are not UTF-8" },
        { "POST", "/api/worlds/w/entities", """{"id":"e","module":"\ud800"}""", "The field 'module' is not valid text" },
        { "POST", "/api/worlds/w/entities/c/calls/increment", """{"args":["\xFF"]}""", "args[0] is not valid text: it holds bytes that are not UTF-8" },
        { "POST", "/api/worlds/w/entities/c/calls/increment", """{"args":["\ud800"]}""", "args[0] is not valid text: it holds a \\u escape of half a surrogate pair" },
        { "POST", "/api/worlds/w/entities/c/calls/increment", """{"args":[1,{"bytes":"\ud800"}]}""", "args[1].bytes is not valid text" },
        { "POST", "/api/worlds/w/entities/c/calls/increment", """{"args":[1,{"float":"\xED\xA0\x80"}]}""", "args[1].float is not valid text: it holds bytes that are not UTF-8" },
        { "POST", "/api/worlds/w/entities/c/calls/increment", """{"args":[{"\xFF":1}]}""", "A field name in args[0] is not valid text" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task AJsonBody_WithAStringThatIsNotText_Should_Answer400_NamingWhere(string method, string path, string body, string expected)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync("w");
        await admin.SpawnAsync("w", "c", "counter");

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Raw(body) };
        string detail = await (await admin.SendAsync(request)).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain(expected);
        (await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(1, "nothing was created");
        (await admin.CallAsync("w", "c", "increment", "[1]")).StatusCode.Should().Be(HttpStatusCode.OK, "the host goes on");
    }

    [Fact]
    public async Task AJsonBody_WithASurrogatePairEscaped_Should_BeText()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();

        HttpResponseMessage created = await admin.PostAsync("/api/worlds", Raw("""{"id":"w","note":"\ud83d\ude00 \u00e9 é"}"""));

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    /// <summary>The body's bytes: <c>\xHH</c> is the byte HH, anything else is UTF-8 (so <c>\ud800</c> stays a JSON escape).</summary>
    private static ByteArrayContent Raw(string body)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 3 < body.Length && body[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(body.Substring(i + 2, 2), 16));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(body[i].ToString()));
            }
        }

        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
