using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Vigil.Scratch;

/// <summary>
/// An append-only sequence of fixed-size items in a temporary file, read back by position: what a whole-platform
/// analysis keeps per post but needs only later and a piece at a time (co-similar tokens, each account's posting
/// rhythm) waits here instead of in memory. Appends are buffered; the file lives in <see cref="Path.GetTempPath"/>
/// (<c>TMPDIR</c>) and, on Linux and macOS, is unlinked as soon as it is opened, so nothing is left behind even when the
/// process is killed; elsewhere it is deleted when this is disposed. Reads go through the page cache,
/// which the operating system reclaims under pressure and which does not count towards the process's resident set.
/// </summary>
internal sealed class ScratchFile<T> : IDisposable where T : unmanaged
{
    private static readonly int ItemSize = Unsafe.SizeOf<T>();
    private static readonly int BufferItems = Math.Max(1, (1 << 20) / ItemSize);
    private readonly SafeFileHandle _file;
    private readonly T[] _buffer = new T[BufferItems];
    private int _buffered;
    private long _written;

    public ScratchFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-scratch-{Guid.NewGuid():N}");
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows()) File.Delete(path);
    }

    /// <summary>Items appended so far.</summary>
    public long Count => _written + _buffered;

    public void Add(T item)
    {
        if (_buffered == BufferItems) Flush();
        _buffer[_buffered++] = item;
    }

    public void Add(ReadOnlySpan<T> items)
    {
        while (!items.IsEmpty)
        {
            if (_buffered == BufferItems) Flush();
            var take = Math.Min(items.Length, BufferItems - _buffered);
            items[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            items = items[take..];
        }
    }

    /// <summary>Fills <paramref name="into"/> with the items from position <paramref name="start"/> on.</summary>
    public void Read(long start, Span<T> into)
    {
        if (start < 0 || start + into.Length > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"items {start}..{start + into.Length} lie outside the {Count} written");
        Flush();
        var bytes = MemoryMarshal.AsBytes(into);
        var offset = start * ItemSize;
        while (!bytes.IsEmpty)
        {
            var read = RandomAccess.Read(_file, bytes, offset);
            if (read == 0) throw new IOException($"the scratch file ended at byte {offset}, before the items written to it");
            bytes = bytes[read..];
            offset += read;
        }
    }

    public void Dispose() => _file.Dispose();

    private void Flush()
    {
        if (_buffered == 0) return;
        RandomAccess.Write(_file, MemoryMarshal.AsBytes(_buffer.AsSpan(0, _buffered)), _written * ItemSize);
        _written += _buffered;
        _buffered = 0;
    }
}
