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

    [Fact]
    public void Ids_across_character_blocks_read_back_whole()
    {
        // Ids of 1 to 3,000 characters fill several 2^20-character blocks, one of them to the last character exactly.
        var random = new Random(9);
        var ids = new List<string>();
        var chars = 0;
        while (chars < 3 << 20)
        {
            var length = chars < 1 << 20 && (1 << 20) - chars <= 3_000 ? (1 << 20) - chars : random.Next(1, 3_000);
            var id = $"{ids.Count:D9}".PadRight(length, (char)('a' + random.Next(26)))[..Math.Max(length, 9)];
            ids.Add(id);
            chars += id.Length;
        }
        var index = new PostIdIndex(expectedCount: 10);
        foreach (var id in ids) index.Add(id);
        index.Seal();

        Assert.Contains(ids, id => id.Length > 9); // not all the number alone
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(ids[i], index.IdOf(i));
            Assert.Equal(i, index.Find(ids[i]));
        }
    }
}
