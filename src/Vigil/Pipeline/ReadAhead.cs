using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Vigil.Pipeline;

/// <summary>
/// Enumerates a sequence on another thread, a few batches ahead of its consumer, in the same order: reading and mapping
/// the rows of a store then runs on the second core while the consumer (the policy engine, which must see posts one
/// after another) works on the first. A failure of the source reaches the consumer as it was thrown.
/// </summary>
internal static class ReadAhead
{
    private const int BatchSize = 1_024;
    private const int BatchesAhead = 4;

    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<T[]>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            var batch = new List<T>(BatchSize);
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    batch.Add(item);
                    if (batch.Count < BatchSize) continue;
                    await channel.Writer.WriteAsync([.. batch], stop.Token);
                    batch.Clear();
                }
                if (batch.Count > 0) await channel.Writer.WriteAsync([.. batch], stop.Token);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                // The items read before the failure still reach the consumer, as they would without read-ahead.
                try
                {
                    if (batch.Count > 0) await channel.Writer.WriteAsync([.. batch], stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // The consumer has stopped: no one is left to take them.
                }
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
                foreach (var item in batch)
                    yield return item;
        }
        finally
        {
            // A consumer that stops early (or fails) stops the source too, and waits for it to let go of the store.
            stop.Cancel();
            await producer;
        }
    }
}
