namespace Vigil.Model;

/// <summary>
/// Post ids packed end to end in character blocks, numbered in the order they were added, and found again by binary
/// search in ordinal order: a few bytes per post where a dictionary of strings would cost a hundred. When the ids were
/// not added in ordinal order (a store collating otherwise), a sorted permutation is built once at <see cref="Seal"/>.
/// </summary>
/// <remarks>
/// Blocks of 2²⁰ characters (2 MiB), an id never straddling two, rather than one array grown by doubling: ten million
/// ids are 160 MB of characters, which doubling would hold in a 268 MB array after copying it from a 134 MB one.
/// A position is block × 2²⁰ + offset; an id's length is the distance to the next id's start, or to its block's end
/// when the next id opened a new block.
/// </remarks>
public sealed class PostIdIndex(int expectedCount = 0)
{
    private const int BlockShift = 20;
    private const int BlockSize = 1 << BlockShift;
    private const int Offset = BlockSize - 1;
    private readonly List<char[]> _blocks = [];
    private readonly List<int> _used = [];
    private int _position;
    private int[] _start = new int[Math.Max(1 << 12, expectedCount + 1)];
    private int _count;
    private bool _ordinal = true;
    private bool _sealed;
    /// <summary>Indexes in ordinal order of their ids; null when that is the order they were added in.</summary>
    private int[]? _byOrdinal;

    public int Count => _count;

    /// <summary>True when the ids were added in strictly increasing ordinal order.</summary>
    internal bool InOrdinalOrder => _ordinal;

    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var start = _start[index];
            var next = _start[index + 1];
            var block = start >> BlockShift;
            var length = next >> BlockShift == block ? next - start : _used[block] - (start & Offset);
            return _blocks[block].AsSpan(start & Offset, length);
        }
    }

    internal string IdOf(int index) => new(this[index]);

    public int Add(string id)
    {
        if (_sealed) throw new InvalidOperationException("the index is sealed");
        if (_count > 0 && _ordinal && this[_count - 1].SequenceCompareTo(id) >= 0) _ordinal = false;
        if (id.Length > BlockSize) throw new ArgumentException($"a post id of {id.Length:N0} characters is longer than a block", nameof(id));
        if (_count + 1 >= _start.Length) Array.Resize(ref _start, _start.Length * 2);
        // A full block takes no more ids, not even an empty one (its start would be the next block's).
        if (_blocks.Count == 0 || _used[^1] + Math.Max(1, id.Length) > BlockSize)
        {
            if (_blocks.Count >= int.MaxValue >> BlockShift) throw new InvalidOperationException("more post id characters than positions can address");
            _position = _blocks.Count << BlockShift;
            _blocks.Add(new char[BlockSize]);
            _used.Add(0);
        }
        _start[_count] = _position;
        id.CopyTo(_blocks[^1].AsSpan(_position & Offset));
        _position += id.Length;
        _used[^1] += id.Length;
        _start[++_count] = _position;
        return _count - 1;
    }

    /// <summary>Ends adding; lookups work from here on.</summary>
    public void Seal()
    {
        if (_sealed) return;
        _sealed = true;
        if (_ordinal) return;
        var order = new int[_count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) => this[x].SequenceCompareTo(this[y]));
        _byOrdinal = order;
    }

    /// <summary>The index of <paramref name="id"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> id)
    {
        if (!_sealed) throw new InvalidOperationException("seal the index before looking ids up");
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var at = _byOrdinal is null ? mid : _byOrdinal[mid];
            var c = this[at].SequenceCompareTo(id);
            if (c == 0) return at;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>The index at rank <paramref name="rank"/> in ordinal order of the ids.</summary>
    internal int AtOrdinalRank(int rank) =>
        !_sealed ? throw new InvalidOperationException("seal the index first") : _byOrdinal is null ? rank : _byOrdinal[rank];

}
