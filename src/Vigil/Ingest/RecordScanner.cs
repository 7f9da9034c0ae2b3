using System.Buffers;

namespace Vigil.Ingest;

/// <summary>How a file's bytes divide into records.</summary>
internal enum ScanMode
{
    /// <summary>One record a line (JSONL); blank lines are skipped.</summary>
    Lines,
    /// <summary>RFC 4180: a record ends at a line break outside double quotes.</summary>
    Csv,
    /// <summary>
    /// Whole JSON values, each possibly spread over many lines (a pretty-printed API response), one after another in any
    /// mix: objects, one a line or pretty-printed, and top-level arrays (pages), whose elements are records of their own
    /// wherever in the file the array stands. A value cut off (a truncated line) is ended at a raw line break inside a
    /// string, or where an object or array starts at column 0, so it cannot swallow the values after it.
    /// </summary>
    JsonValues,
}

/// <summary>
/// Cuts a stream into records without decoding it, keeping the line each record starts on. Memory is one buffer that
/// grows to the longest record up to <see cref="MaxRecordBytes"/>; a longer record is skipped and reported, so that
/// memory stays flat whatever the file holds.
/// </summary>
internal sealed class RecordScanner : IDisposable
{
    private const int InitialBufferBytes = 1 << 16;
    private const int TruncatedHeadBytes = 4096;
    private readonly Stream _stream;
    private readonly ScanMode _mode;
    private byte[] _buffer;
    private int _start, _pos, _end;
    private bool _eof, _atFileStart = true;
    private long _line = 1;

    public RecordScanner(Stream stream, ScanMode mode, int maxRecordBytes)
    {
        _stream = stream;
        _mode = mode;
        MaxRecordBytes = maxRecordBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, maxRecordBytes + 1));
    }

    public int MaxRecordBytes { get; }

    /// <summary>
    /// Reads the next record. <paramref name="record"/> stays valid until the next call. When the record was longer than
    /// <see cref="MaxRecordBytes"/>, <paramref name="truncated"/> is set and <paramref name="record"/> holds its start.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> record, out long line, out bool truncated)
    {
        truncated = false;
        if (!SkipSeparators())
        {
            record = default;
            line = _line;
            return false;
        }

        line = _line;
        _start = _pos;
        var keptBytes = -1;
        var inQuotes = false;
        var escaped = false;
        var depth = 0;
        var isStructured = _mode == ScanMode.JsonValues && _buffer[_pos] is (byte)'{' or (byte)'[';
        var atLineStart = false;
        int endExclusive;
        while (true)
        {
            if (_pos == _end)
            {
                if (!Fill(ref keptBytes))
                {
                    endExclusive = _pos;
                    break;
                }
                continue;
            }

            if (_mode == ScanMode.Lines)
            {
                // The JSONL fast path: a vectorised search for the line end instead of a byte loop.
                var newline = _buffer.AsSpan(_pos, _end - _pos).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    _pos = _end;
                    continue;
                }
                _pos += newline + 1;
                _line++;
                endExclusive = _pos - 1;
                break;
            }

            var b = _buffer[_pos++];
            if (b == (byte)'\n')
            {
                _line++;
                // JSON strings cannot hold a raw line break, so one inside a string means the value was cut off:
                // end it here rather than let it swallow the lines after it.
                if ((_mode == ScanMode.Csv && !inQuotes) || (_mode == ScanMode.JsonValues && (!isStructured || inQuotes)))
                {
                    endExclusive = _pos - 1;
                    break;
                }
                atLineStart = true;
                continue;
            }

            if (_mode == ScanMode.Csv)
            {
                if (b == (byte)'"') inQuotes = !inQuotes;
            }
            else if (_mode == ScanMode.JsonValues && isStructured)
            {
                if (inQuotes)
                {
                    if (escaped) escaped = false;
                    else if (b == (byte)'\\') escaped = true;
                    else if (b == (byte)'"') inQuotes = false;
                }
                else if (b == (byte)'"') inQuotes = true;
                else if (b is (byte)'{' or (byte)'[' && atLineStart)
                {
                    // Pretty printers indent nested values; an object or array at column 0 inside an open value starts
                    // the next record of a file whose previous line was cut off.
                    _pos--;
                    endExclusive = _pos - 1;
                    break;
                }
                else if (b is (byte)'{' or (byte)'[') depth++;
                else if (b is (byte)'}' or (byte)']' && --depth == 0)
                {
                    endExclusive = _pos;
                    break;
                }
                atLineStart = false;
            }
        }

        truncated = keptBytes >= 0;
        var end = truncated ? _start + keptBytes : endExclusive;
        if (!truncated && end > _start && _buffer[end - 1] == (byte)'\r') end--;
        record = _buffer.AsSpan(_start, end - _start);
        return true;
    }

    /// <summary>
    /// Skips what lies between records: blank lines, a UTF-8 byte order mark, and in JSON mode the brackets and commas
    /// of top-level arrays (so a page of records is read as its elements wherever it stands in the file). Returns false
    /// at the end of the stream.
    /// </summary>
    private bool SkipSeparators()
    {
        var unusedKept = -1;
        while (true)
        {
            if (_pos == _end)
            {
                _start = _pos;
                if (!Fill(ref unusedKept)) return false;
                continue;
            }

            if (_atFileStart)
            {
                if (_end - _pos < 3 && !_eof)
                {
                    _start = _pos;
                    if (Fill(ref unusedKept)) continue;
                }
                if (_buffer.AsSpan(_pos, _end - _pos).StartsWith("\uFEFF"u8)) _pos += 3;
                _atFileStart = false;
                continue;
            }

            var b = _buffer[_pos];
            if (b == (byte)'\n') { _line++; _pos++; continue; }
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r') { _pos++; continue; }
            if (_mode == ScanMode.JsonValues && b is (byte)'[' or (byte)']' or (byte)',')
            {
                _pos++;
                continue;
            }
            return true;
        }
    }

    /// <summary>Makes room and reads more bytes, keeping the current record from <see cref="_start"/>.</summary>
    private bool Fill(ref int keptBytes)
    {
        if (_eof) return false;
        if (keptBytes < 0 && _end - _start > MaxRecordBytes) keptBytes = Math.Min(TruncatedHeadBytes, MaxRecordBytes / 2);

        // Slide the record to the front; once it has outgrown the limit keep only its head for the quarantine file
        // and scan the rest without keeping it.
        var keep = keptBytes >= 0 ? keptBytes : _end - _start;
        var scanned = _pos - _start;
        if (_start > 0) _buffer.AsSpan(_start, keep).CopyTo(_buffer);
        _start = 0;
        _end = keep;
        _pos = Math.Min(scanned, keep);

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxRecordBytes + 1));
            if (larger.Length <= _buffer.Length) throw new InvalidOperationException("Record buffer cannot grow.");
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        return true;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
