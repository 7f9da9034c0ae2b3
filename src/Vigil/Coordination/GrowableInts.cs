namespace Vigil.Coordination;

/// <summary>A list of ints that grows by doubling and exposes its span; avoids List&lt;int&gt; bounds checks in loops.</summary>
internal sealed class GrowableInts(int capacity)
{
    private int[] _items = new int[Math.Max(4, capacity)];
    public int Count { get; private set; }
    public Span<int> Span => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(int value)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = value;
    }
}
