using Vigil.Pipeline;

namespace Vigil.Tests.Pipeline;

public sealed class ReadAheadTests
{
    [Fact]
    public async Task Every_item_arrives_once_in_order_across_many_batches()
    {
        var items = await ReadAhead.Of(Numbers(10_000)).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 10_000), items);
        Assert.Empty(await ReadAhead.Of(Numbers(0)).ToListAsync());
    }

    [Fact]
    public async Task A_failure_of_the_source_reaches_the_consumer_as_thrown_after_the_items_before_it()
    {
        var seen = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var item in ReadAhead.Of(FailingAfter(3_000))) seen.Add(item);
        });
        Assert.Equal("row 3000 is corrupt", error.Message);
        Assert.Equal(Enumerable.Range(0, 3_000), seen);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_stops_the_source_and_it_lets_go()
    {
        var source = new TrackedSource();
        await foreach (var item in ReadAhead.Of(source.ReadAsync()))
            if (item == 10) break;
        // The source had its finally run (a store's reader closed) before the enumeration returned.
        Assert.True(source.Closed);
        Assert.True(source.Produced < 1_000_000, $"the source went on to {source.Produced} items");
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 997 == 0) await Task.Yield();
            yield return i;
        }
    }

    private static async IAsyncEnumerable<int> FailingAfter(int count)
    {
        await foreach (var i in Numbers(count)) yield return i;
        throw new InvalidDataException($"row {count} is corrupt");
    }

    private sealed class TrackedSource
    {
        public bool Closed { get; private set; }
        public int Produced { get; private set; }

        public async IAsyncEnumerable<int> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            try
            {
                for (var i = 0; i < 1_000_000; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    if (i % 997 == 0) await Task.Yield();
                    Produced = i + 1;
                    yield return i;
                }
            }
            finally
            {
                Closed = true;
            }
        }
    }
}
