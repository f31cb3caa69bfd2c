using System.Text;
using FluentAssertions;

namespace WasGo.Scripting.Tests.Runtime;

public sealed class ColumnNameCacheTests
{
    [Fact]
    public void AName_Should_ComeBackAsTheSameString_WhileItIsKept()
    {
        var cache = new ColumnNameCache();

        string first = cache.Get("count"u8);
        string again = cache.Get("count"u8.ToArray());

        again.Should().Be("count").And.BeSameAs(first, "the bytes matched a kept name, so nothing was decoded");
    }

    [Fact]
    public void ManyNames_Should_EachBeDecodedRight_AsOldOnesAreForgotten()
    {
        var cache = new ColumnNameCache();
        string[] names = [.. Enumerable.Range(0, 20).Select(i => "column-" + i), "ünïcödé"];

        string[] read = [.. names.Concat(names).Select(n => cache.Get(Encoding.UTF8.GetBytes(n)))];

        read.Should().Equal(names.Concat(names));
    }

    [Fact]
    public void NamesThatShareAPrefix_Should_NotBeTakenForEachOther()
    {
        var cache = new ColumnNameCache();
        cache.Get("count"u8);

        cache.Get("counter"u8).Should().Be("counter");
        cache.Get("coun"u8).Should().Be("coun");
    }
}
