using System.Data.Common;
using System.Reflection;
using Vigil.Ingest;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Tests.Ingest;

/// <summary>
/// A batch is written while the next one is parsed: one write at a time, in file order, nothing after a failed one; a
/// database that goes away for a while is waited out.
/// </summary>
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

    [Fact]
    public async Task A_database_that_goes_away_for_a_while_is_waited_out_and_nothing_is_stored_twice()
    {
        var flaky = FlakyStore.Around(Store, failures: 2, transient: true);
        var outages = new List<TimeSpan>();
        var summary = await Ingestor.IngestAsync(flaky, [PostsFile()], new IngestOptions
        {
            Format = IngestFormat.Csv, BatchSize = BatchSize, MaxOutage = TimeSpan.FromMinutes(1), OnOutage = (_, pause) => outages.Add(pause),
        });

        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], outages);
        Assert.Equal(Posts, summary.Files.Single().Posts.Taken);
        Assert.Equal(0, summary.Duplicates);
        Assert.Equal(Posts, (await Store.GetStatsAsync()).Posts);
    }

    [Theory]
    [InlineData(false, 60)]  // the database refused the statement: waiting would not change its answer
    [InlineData(true, 0)]    // an outage, but the run was told not to wait
    public async Task A_write_fails_at_once_when_the_error_is_not_an_outage_or_no_wait_is_allowed(bool transient, int maxOutageSeconds)
    {
        var flaky = FlakyStore.Around(Store, failures: 1, transient);
        var outages = 0;
        await Assert.ThrowsAsync<FlakyStore.Failure>(() => Ingestor.IngestAsync(flaky, [PostsFile()], new IngestOptions
        {
            Format = IngestFormat.Csv, BatchSize = BatchSize, MaxOutage = TimeSpan.FromSeconds(maxOutageSeconds), OnOutage = (_, _) => outages++,
        }));
        Assert.Equal(0, outages);
        Assert.Equal(0, (await Store.GetStatsAsync()).Posts);
    }

    /// <summary>A store whose first post writes fail, with an error its driver calls transient or not; the rest goes through.</summary>
    public class FlakyStore : DispatchProxy
    {
        public sealed class Failure(bool transient) : DbException("connection reset")
        {
            public override bool IsTransient => transient;
        }

        private IVigilStore _inner = null!;
        private int _failuresLeft;
        private bool _transient;

        public static IVigilStore Around(IVigilStore inner, int failures, bool transient)
        {
            var proxy = Create<IVigilStore, FlakyStore>();
            var flaky = (FlakyStore)(object)proxy;
            (flaky._inner, flaky._failuresLeft, flaky._transient) = (inner, failures, transient);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method!.Name == nameof(IVigilStore.AddPostsAsync) && _failuresLeft-- > 0
                ? Task.FromException<WriteCounts>(new Failure(_transient))
                : method.Invoke(_inner, args);
    }
}
