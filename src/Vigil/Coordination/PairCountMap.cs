namespace Vigil.Coordination;

/// <summary>
/// Counts per directed account pair, keyed by <c>(a &lt;&lt; 32) | b</c> of interned account indices. Open addressing
/// with linear probing over two flat arrays: no per-pair objects, so tens of millions of pairs stay affordable.
/// Key 0 marks an empty slot; it would be the self-pair (0, 0), which is never counted.
/// </summary>
internal sealed class PairCountMap
{
    private long[] _keys;
    private int[] _counts;
    private int _mask;

    public PairCountMap(int capacity = 1 << 12)
    {
        var size = 1 << 4;
        while (size < capacity * 2) size <<= 1;
        _keys = new long[size];
        _counts = new int[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    public static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    public void Increment(long key)
    {
        var slot = Slot(key);
        while (true)
        {
            var existing = _keys[slot];
            if (existing == key)
            {
                _counts[slot]++;
                return;
            }
            if (existing == 0)
            {
                _keys[slot] = key;
                _counts[slot] = 1;
                if (++Count * 2 > _keys.Length) Grow();
                return;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Appends every pair counted at least <paramref name="minCount"/> times.</summary>
    public void CopyAtLeast(int minCount, List<(long Key, int Count)> into)
    {
        for (var i = 0; i < _keys.Length; i++)
            if (_keys[i] != 0 && _counts[i] >= minCount) into.Add((_keys[i], _counts[i]));
    }

    public void Clear()
    {
        Array.Clear(_keys);
        Count = 0;
    }

    private int Slot(long key)
    {
        var h = (ulong)key * 0x9E3779B97F4A7C15UL;
        return (int)(h >> 32) & _mask;
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldCounts = _counts;
        _keys = new long[oldKeys.Length * 2];
        _counts = new int[oldKeys.Length * 2];
        _mask = _keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            var key = oldKeys[i];
            if (key == 0) continue;
            var slot = Slot(key);
            while (_keys[slot] != 0) slot = (slot + 1) & _mask;
            _keys[slot] = key;
            _counts[slot] = oldCounts[i];
        }
    }
}
