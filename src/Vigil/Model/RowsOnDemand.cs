namespace Vigil.Model;

/// <summary>
/// A read-only list whose row <c>i</c> is made when it is read, from columns the caller keeps: millions of rows cost
/// their columns, not an object each, and a writer or a digest that walks them once holds one at a time.
/// </summary>
internal sealed class RowsOnDemand<T>(int count, Func<int, T> row) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
            return row(index);
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return row(i);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
