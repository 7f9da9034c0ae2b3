using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Tests.Ingest;

/// <summary>A batch is written while the next one is parsed: one write at a time, in file order, nothing after a failed one.</summary>
public sealed class BatchWriteTests : IngestTestBase
{
    private const int Posts = 20, BatchSize = 3;

    private string PostsFile()
    {
        var path = TempFile("posts.csv");
        File.WriteAllLines(path, ["id,author_id,created_at,text", .. Enumerable.Range(0, Posts).Select(i => $"p{i:D2},u1,2026-03-01T12:00:00Z,post {i}")]);
        return path;
    }

    private Task<IngestSummary> IngestAsync(Func<IReadOnlyList<Post>, CancellationToken, Task> beforePostsStored) =>
        Ingestor.IngestAsync(Store, [PostsFile()], new IngestOptions
        {
            Format = IngestFormat.Csv, BatchSize = BatchSize, BeforePostsStored = beforePostsStored,
        });

    [Fact]
    public async Task Batches_are_written_one_at_a_time_in_file_order()
    {
        var writing = 0;
        var overlapped = false;
        var batches = new List<string[]>();
        var summary = await IngestAsync(async (posts, ct) =>
        {
            overlapped |= Interlocked.Increment(ref writing) > 1;
            batches.Add(posts.Select(p => p.Id).ToArray());
            await Task.Delay(10, ct);   // long enough for the next batch to be parsed meanwhile
            Interlocked.Decrement(ref writing);
        });

        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, Posts).Select(i => $"p{i:D2}"), batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, BatchSize));
        Assert.Equal(Posts, summary.Files.Single().Posts.Taken);
        Assert.Equal(Posts, (await Store.GetStatsAsync()).Posts);
    }

    [Fact]
    public async Task A_failed_write_stops_the_run_and_no_later_batch_is_stored()
    {
        var calls = 0;
        var failure = await Assert.ThrowsAsync<IOException>(() => IngestAsync((_, _) =>
            ++calls == 2 ? throw new IOException("disk full") : Task.CompletedTask));

        Assert.Equal("disk full", failure.Message);
        Assert.Equal(2, calls);
        // The first batch is stored; the second failed before its posts were written, and the third, parsed while the
        // second was being written, was never handed to the store.
        Assert.Equal(BatchSize, (await Store.GetStatsAsync()).Posts);
    }
}
