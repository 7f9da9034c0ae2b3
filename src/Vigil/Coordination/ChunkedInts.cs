namespace Vigil.Coordination;

/// <summary>
/// Runs of ints appended end to end in fixed blocks of 2²⁰ (4 MiB), each run inside one block. Unlike one array grown
/// by doubling, it never copies what it holds and wastes at most the tail of a block, so a platform's co-similar tokens
/// (a dozen ints per post: the largest table of a whole-platform analysis) cost their size and no more, and are
/// re-ranked in place. A run's start is a position; its length is the distance to the next run's start
/// (<see cref="Run"/>), even across the gap a run that did not fit its block's tail leaves behind.
/// </summary>
internal sealed class ChunkedInts
{
    private const int Shift = 20;
    private const int BlockSize = 1 << Shift;
    private const int Mask = BlockSize - 1;
    private readonly List<int[]> _blocks = [];
    private readonly List<int> _used = [];

    /// <summary>Where the next run starts.</summary>
    public int Position { get; private set; }

    /// <summary>Appends <paramref name="run"/> and returns its start.</summary>
    public int Append(ReadOnlySpan<int> run)
    {
        if (run.Length > BlockSize) throw new ArgumentException($"a run of {run.Length:N0} ints is longer than a block", nameof(run));
        if (run.IsEmpty) return Position;
        var block = Position >> Shift;
        if (block == _blocks.Count || (Position & Mask) + run.Length > BlockSize)
        {
            if (block < _blocks.Count) block++;
            if ((long)block << Shift > int.MaxValue - BlockSize) throw new InvalidOperationException("more ints than positions can address");
            _blocks.Add(new int[BlockSize]);
            _used.Add(0);
            Position = block << Shift;
        }
        var start = Position;
        run.CopyTo(_blocks[block].AsSpan(start & Mask));
        Position += run.Length;
        _used[block] = (Position & Mask) == 0 ? BlockSize : Position & Mask;
        return start;
    }

    /// <summary>The run that starts at <paramref name="start"/>, the next run starting at <paramref name="next"/> (or <see cref="Position"/>).</summary>
    public Span<int> Run(int start, int next)
    {
        var block = start >> Shift;
        var length = block == next >> Shift ? next - start : block < _used.Count ? _used[block] - (start & Mask) : 0;
        return length == 0 ? [] : _blocks[block].AsSpan(start & Mask, length);
    }

    /// <summary>Replaces every value v held by <paramref name="map"/>[v].</summary>
    public void Map(int[] map)
    {
        for (var b = 0; b < _blocks.Count; b++)
        {
            var values = _blocks[b].AsSpan(0, _used[b]);
            for (var i = 0; i < values.Length; i++) values[i] = map[values[i]];
        }
    }
}
