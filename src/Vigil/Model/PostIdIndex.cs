namespace Vigil.Model;

/// <summary>
/// Post ids packed into one character array, numbered in the order they were added, and found again by binary search
/// in ordinal order: a few bytes per post where a dictionary of strings would cost a hundred. When the ids were not
/// added in ordinal order (a store collating otherwise), a sorted permutation is built once at <see cref="Seal"/>.
/// </summary>
public sealed class PostIdIndex
{
    private char[] _chars = new char[1 << 16];
    private int _length;
    private int[] _start = new int[1 << 12];
    private int _count;
    private bool _ordinal = true;
    private bool _sealed;
    /// <summary>Indexes in ordinal order of their ids; null when that is the order they were added in.</summary>
    private int[]? _byOrdinal;

    public int Count => _count;

    /// <summary>True when the ids were added in strictly increasing ordinal order.</summary>
    internal bool InOrdinalOrder => _ordinal;

    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_start[index], End(index) - _start[index]);

    internal string IdOf(int index) => new(this[index]);

    public int Add(string id)
    {
        if (_sealed) throw new InvalidOperationException("the index is sealed");
        if (_count > 0 && _ordinal && this[_count - 1].SequenceCompareTo(id) >= 0) _ordinal = false;
        if (_count + 1 >= _start.Length) Array.Resize(ref _start, _start.Length * 2);
        if (_length + id.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + id.Length));
        _start[_count] = _length;
        id.CopyTo(_chars.AsSpan(_length));
        _length += id.Length;
        _start[++_count] = _length;
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

    private int End(int index) => _start[index + 1];
}
