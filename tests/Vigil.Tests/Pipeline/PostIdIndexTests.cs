using Vigil.Model;

namespace Vigil.Tests.Pipeline;

public sealed class PostIdIndexTests
{
    [Theory]
    [InlineData("a1 a2 b b0")]
    // Not ordinal: numbers out of order, and a private-use character before an astral one (UTF-8 stores sort them the other way).
    [InlineData("p9 p10 p1 \uE000 \U0001F600 z")]
    public void Ids_are_found_by_value_in_whatever_order_they_were_added(string spaced)
    {
        var ids = spaced.Split(' ');
        var index = new PostIdIndex();
        foreach (var id in ids) index.Add(id);
        index.Seal();

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(i, index.Find(ids[i]));
            Assert.Equal(ids[i], index.IdOf(i));
        }
        Assert.Equal(-1, index.Find("p"));
        Assert.Equal(-1, index.Find("zz"));
        var byRank = Enumerable.Range(0, ids.Length).Select(r => ids[index.AtOrdinalRank(r)]).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), byRank);
        Assert.Equal(ids.SequenceEqual(ids.Order(StringComparer.Ordinal)), index.InOrdinalOrder);
    }
}
