using System.Runtime.InteropServices;
using Vigil.Scratch;

namespace Vigil.Coordination;

/// <summary>
/// Pair counts of co-similar's time slices, summed over the slices: each slice's counts are sorted by pair into a run
/// in a scratch file, and the runs are merged at the end. Memory holds one slice's counts and a read buffer per run,
/// where one dictionary of every pair seen so far grew with the whole platform (and by doubling).
/// </summary>
internal sealed class PairCountRuns : IDisposable
{
    /// <summary>Items per read of one run while merging.</summary>
    private const int ReadBuffer = 1 << 16;
    private readonly ScratchFile<PairCount> _file = new();
    private readonly List<(long Start, long Length)> _runs = [];

    public int RunCount => _runs.Count;

    /// <summary>Appends one slice's counts as a run; the list is sorted in place. A pair may occur more than once.</summary>
    public void Add(List<(long Key, int Count)> counts)
    {
        var span = CollectionsMarshal.AsSpan(counts);
        span.Sort(static (x, y) => x.Key.CompareTo(y.Key));
        var start = _file.Count;
        foreach (var (key, count) in span) _file.Add(new PairCount(key, count));
        _runs.Add((start, counts.Count));
    }

    /// <summary>Every pair once, in ascending key order, with its counts summed over all runs.</summary>
    public IEnumerable<(long Key, int Count)> Merged()
    {
        var readers = new RunReader[_runs.Count];
        var heads = new PriorityQueue<int, long>(_runs.Count);
        for (var r = 0; r < readers.Length; r++)
        {
            readers[r] = new RunReader(_file, _runs[r].Start, _runs[r].Length);
            if (readers[r].MoveNext()) heads.Enqueue(r, readers[r].Current.Key);
        }
        while (heads.TryDequeue(out var r, out var key))
        {
            long sum = readers[r].Current.Count;
            if (readers[r].MoveNext()) heads.Enqueue(r, readers[r].Current.Key);
            while (heads.TryPeek(out var next, out var nextKey) && nextKey == key)
            {
                heads.Dequeue();
                sum += readers[next].Current.Count;
                if (readers[next].MoveNext()) heads.Enqueue(next, readers[next].Current.Key);
            }
            yield return (key, checked((int)sum));
        }
    }

    public void Dispose() => _file.Dispose();

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct PairCount(long Key, int Count);

    /// <summary>One run read forward a buffer at a time.</summary>
    private sealed class RunReader(ScratchFile<PairCount> file, long start, long length)
    {
        private readonly PairCount[] _buffer = new PairCount[(int)Math.Min(ReadBuffer, Math.Max(1, length))];
        private long _next = start;
        private readonly long _end = start + length;
        private int _at;
        private int _filled;

        public PairCount Current => _buffer[_at];

        public bool MoveNext()
        {
            if (++_at < _filled) return true;
            if (_next == _end) return false;
            _filled = (int)Math.Min(_buffer.Length, _end - _next);
            file.Read(_next, _buffer.AsSpan(0, _filled));
            _next += _filled;
            _at = 0;
            return true;
        }
    }
}
