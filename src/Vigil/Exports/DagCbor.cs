using System.Buffers.Binary;
using System.Text;

namespace Vigil.Exports;

/// <summary>
/// The small subset of deterministic DAG-CBOR labels and their event-stream frames need: maps with text keys, arrays,
/// text, byte strings, integers and booleans, always in the shortest head form. Map keys are sorted by encoded length, then bytewise, as
/// the DAG-CBOR spec requires, so the same label always encodes to the same bytes and its signature can be checked.
/// </summary>
internal sealed class DagCborWriter
{
    private readonly List<byte> _bytes = new(256);

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Writes a map; values are written by the callbacks, in canonical key order whatever order they come in.</summary>
    public void WriteMap(IReadOnlyList<(string Key, Action<DagCborWriter> WriteValue)> entries)
    {
        var sorted = entries.ToArray();
        Array.Sort(sorted, (a, b) => CompareKeys(a.Key, b.Key));
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Key == sorted[i - 1].Key) throw new ArgumentException($"Duplicate map key '{sorted[i].Key}'.");
        WriteHead(5, (ulong)sorted.Length);
        foreach (var (key, write) in sorted)
        {
            WriteText(key);
            write(this);
        }
    }

    public void WriteText(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        WriteHead(3, (ulong)utf8.Length);
        _bytes.AddRange(utf8);
    }

    public void WriteUnsigned(ulong value) => WriteHead(0, value);

    /// <summary>Any integer: unsigned, or CBOR's negative form (−1 − n), which an error frame's <c>op: -1</c> needs.</summary>
    public void WriteInteger(long value)
    {
        if (value >= 0) WriteHead(0, (ulong)value);
        else WriteHead(1, (ulong)(-1 - value));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteHead(2, (ulong)bytes.Length);
        Add(bytes);
    }

    /// <summary>Writes an array of <paramref name="count"/> items, each written by <paramref name="writeItem"/>.</summary>
    public void WriteArray(int count, Action<DagCborWriter, int> writeItem)
    {
        WriteHead(4, (ulong)count);
        for (var i = 0; i < count; i++) writeItem(this, i);
    }

    public void WriteBool(bool value) => _bytes.Add(value ? (byte)0xf5 : (byte)0xf4);

    /// <summary>Length first, then bytewise on the UTF-8 encoding (DAG-CBOR's canonical map key order).</summary>
    public static int CompareKeys(string a, string b)
    {
        var x = Encoding.UTF8.GetBytes(a);
        var y = Encoding.UTF8.GetBytes(b);
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.AsSpan().SequenceCompareTo(y);
    }

    private void WriteHead(byte major, ulong value)
    {
        var type = (byte)(major << 5);
        Span<byte> buffer = stackalloc byte[8];
        switch (value)
        {
            case < 24:
                _bytes.Add((byte)(type | (byte)value));
                break;
            case <= byte.MaxValue:
                _bytes.Add((byte)(type | 24));
                _bytes.Add((byte)value);
                break;
            case <= ushort.MaxValue:
                _bytes.Add((byte)(type | 25));
                BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)value);
                Add(buffer[..2]);
                break;
            case <= uint.MaxValue:
                _bytes.Add((byte)(type | 26));
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)value);
                Add(buffer[..4]);
                break;
            default:
                _bytes.Add((byte)(type | 27));
                BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
                Add(buffer);
                break;
        }
    }

    private void Add(ReadOnlySpan<byte> span)
    {
        foreach (var b in span) _bytes.Add(b);
    }
}
