using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Vigil.Text;

/// <summary>
/// Vigil's one way of turning input bytes into text. Every valid Unicode scalar value passes through untouched,
/// U+FFFD included (real exports are full of it); only byte sequences that are not UTF-8 are refused, with the file,
/// the line and the byte. Decoding with replacement would make the two indistinguishable, so no reader does it.
/// </summary>
public static class Utf8Input
{
    /// <summary>Null when <paramref name="bytes"/> are UTF-8; else where the first invalid sequence is, for a reason text.</summary>
    internal static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return null;
        var offset = InvalidOffset(bytes);
        var lineStart = bytes[..offset].LastIndexOf((byte)'\n') + 1;
        var linesIn = bytes[..offset].Count((byte)'\n');
        var where = linesIn == 0 ? $"byte {offset + 1}" : $"line +{linesIn}, byte {offset - lineStart + 1}";
        return $"invalid UTF-8 at {where} (0x{bytes[offset]:X2})";
    }

    /// <summary>Opens a file for reading line by line; a line that is not UTF-8 throws <see cref="InvalidUtf8Exception"/> naming it.</summary>
    public static TextReader OpenText(string path) => OpenText(OpenRead(path), path);

    /// <summary>Reads a stream line by line, as <see cref="OpenText(string)"/> reads a file.</summary>
    public static TextReader OpenText(Stream stream, string source) => new Utf8LineReader(stream, source, replaceInvalid: false);

    /// <summary>
    /// For a published third-party data set known to hold stray non-UTF-8 bytes (a Latin-1 field or two): they are read
    /// as U+FFFD rather than failing the whole set. Never for a user's input, where the line is refused instead.
    /// </summary>
    internal static TextReader OpenDataSet(string path) => new Utf8LineReader(OpenRead(path), path, replaceInvalid: true);

    /// <summary>
    /// The next line of a reader from <see cref="OpenText(string)"/>, or of any other reader (a string has no bytes to
    /// be wrong). False at the end. When the line was not UTF-8, <paramref name="problem"/> says where and
    /// <paramref name="line"/> holds it with U+FFFD for the bad bytes: the caller sets it aside and goes on.
    /// </summary>
    internal static bool TryReadLine(TextReader reader, out string line, out string? problem)
    {
        problem = null;
        try
        {
            line = reader.ReadLine()!;
            return line is not null;
        }
        catch (InvalidUtf8Exception e)
        {
            line = e.LineAsRead;
            problem = e.Problem;
            return true;
        }
    }

    /// <summary>A whole file as text; <see cref="InvalidUtf8Exception"/> names the first line that is not UTF-8.</summary>
    internal static string ReadAllText(string path)
    {
        using var reader = OpenText(path);
        return reader.ReadToEnd();
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static int InvalidOffset(ReadOnlySpan<byte> bytes)
    {
        Span<char> scratch = stackalloc char[256];
        var offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(bytes[offset..], scratch, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != OperationStatus.DestinationTooSmall) return offset;
        }
    }

    /// <summary>
    /// Reads whole lines as bytes, checks each, and decodes it; a line that fails is consumed and reported by an
    /// exception, so a caller that catches it goes on with the next line. A leading byte order mark is dropped.
    /// </summary>
    private sealed class Utf8LineReader(Stream stream, string source, bool replaceInvalid) : TextReader
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        private int _start, _end;
        private bool _eof, _atStart = true;
        private long _line;
        /// <summary>The current line decoded, with its line break, and how far into it <see cref="Read()"/> has got.</summary>
        private string _pending = "";
        private int _pendingAt;

        public override string? ReadLine()
        {
            if (_pendingAt < _pending.Length)
            {
                var rest = _pending[_pendingAt..].TrimEnd('\n').TrimEnd('\r');
                _pending = "";
                _pendingAt = 0;
                return rest;
            }
            if (!NextLine(out var line, out _)) return null;
            return Decode(line);
        }

        public override int Peek() => Fill() ? _pending[_pendingAt] : -1;

        public override int Read() => Fill() ? _pending[_pendingAt++] : -1;

        public override int Read(Span<char> buffer)
        {
            if (!Fill()) return 0;
            var count = Math.Min(buffer.Length, _pending.Length - _pendingAt);
            _pending.AsSpan(_pendingAt, count).CopyTo(buffer);
            _pendingAt += count;
            return count;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override string ReadToEnd()
        {
            var text = new StringBuilder();
            while (Fill())
            {
                text.Append(_pending, _pendingAt, _pending.Length - _pendingAt);
                _pendingAt = _pending.Length;
            }
            return text.ToString();
        }

        /// <summary>Makes sure unread characters are pending; false at the end of the stream.</summary>
        private bool Fill()
        {
            if (_pendingAt < _pending.Length) return true;
            if (!NextLine(out var line, out var lineBreak)) return false;
            _pending = Decode(line) + lineBreak;
            _pendingAt = 0;
            return _pending.Length > 0 || Fill();
        }

        private string Decode(ReadOnlySpan<byte> line)
        {
            var text = Encoding.UTF8.GetString(line);
            if (!replaceInvalid && Utf8Input.Problem(line) is { } problem) throw new InvalidUtf8Exception(source, _line, problem, text);
            return text;
        }

        /// <summary>The next line's bytes without its line break (kept apart for readers that want the text as it was).</summary>
        private bool NextLine(out ReadOnlySpan<byte> line, out string lineBreak)
        {
            while (true)
            {
                var newline = _bytes.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0 || (_eof && _end > _start))
                {
                    var length = newline >= 0 ? newline : _end - _start;
                    line = _bytes.AsSpan(_start, length);
                    _start += newline >= 0 ? length + 1 : length;
                    lineBreak = newline >= 0 ? "\n" : "";
                    if (line.EndsWith((byte)'\r'))
                    {
                        line = line[..^1];
                        lineBreak = "\r" + lineBreak;
                    }
                    if (_atStart)
                    {
                        if (line.StartsWith("\uFEFF"u8)) line = line[3..];
                        _atStart = false;
                    }
                    _line++;
                    return true;
                }
                if (_eof)
                {
                    line = default;
                    lineBreak = "";
                    return false;
                }
                ReadMore();
            }
        }

        private void ReadMore()
        {
            if (_start > 0)
            {
                _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
                _end -= _start;
                _start = 0;
            }
            if (_end == _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_bytes.Length * 2);
                _bytes.AsSpan(0, _end).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }
            var read = stream.Read(_bytes, _end, _bytes.Length - _end);
            if (read == 0) _eof = true;
            _end += read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                stream.Dispose();
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = [];
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// Bytes that are not UTF-8 on a line of an input: the message is <c>source:line: invalid UTF-8 at byte N (0xXX)</c>.
/// <see cref="LineAsRead"/> is the line with the bad bytes shown as U+FFFD, for a quarantine file or for a reader that
/// must keep its place (a CSV record whose quoted field spans the line).
/// </summary>
internal sealed class InvalidUtf8Exception(string source, long line, string problem, string lineAsRead)
    : FormatException($"{source}:{line}: {problem}")
{
    public string LineAsRead { get; } = lineAsRead;
    public string InputName { get; } = source;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}

/// <summary>
/// JSON may escape half of a surrogate pair on its own (<c>"\ud800"</c>): well-formed JSON, but not text, so
/// System.Text.Json refuses to make a string of it with an <see cref="InvalidOperationException"/>. A reader that meets
/// one asks <see cref="Problem"/> whether that is what it was, and if so sets the record aside with the reason, as it
/// does bytes that are not UTF-8.
/// </summary>
internal static class UnpairedSurrogate
{
    /// <summary>Null when every <c>\uXXXX</c> escape of a surrogate is half of a pair; else where the first lone half is.</summary>
    public static string? Problem(ReadOnlySpan<byte> json)
    {
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i + 1 < json.Length; i = NextBackslash(json, i + 2))
        {
            if (json[i + 1] != (byte)'u' || !TryHex(json, i + 2, out var unit)) continue;
            if (unit is >= 0xDC00 and <= 0xDFFF) return Reason(i);
            if (unit is < 0xD800 or > 0xDBFF) continue;
            if (i + 11 < json.Length && json[i + 6] == (byte)'\\' && json[i + 7] == (byte)'u' && TryHex(json, i + 8, out var low) &&
                low is >= 0xDC00 and <= 0xDFFF)
            {
                i += 6;
                continue;
            }
            return Reason(i);
        }
        return null;
    }

    /// <summary>The same for text already decoded (a line a <see cref="TextReader"/> gave).</summary>
    public static string? Problem(string json) => json.Contains("\\u", StringComparison.Ordinal) ? Problem(Encoding.UTF8.GetBytes(json)) : null;

    private static string Reason(int offset) => $"not text: an escaped unpaired surrogate at byte {offset + 1}";

    /// <summary>The next backslash from <paramref name="from"/> on; an escaped backslash (<c>\\</c>) is stepped over whole.</summary>
    private static int NextBackslash(ReadOnlySpan<byte> json, int from)
    {
        if (from >= json.Length) return -1;
        var next = json[from..].IndexOf((byte)'\\');
        return next < 0 ? -1 : from + next;
    }

    private static bool TryHex(ReadOnlySpan<byte> json, int at, out int value)
    {
        value = 0;
        if (at + 4 > json.Length) return false;
        foreach (var b in json.Slice(at, 4))
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0) return false;
            value = value * 16 + digit;
        }
        return true;
    }
}
