using System.Text;

namespace Vigil.Text.Csv;

/// <summary>
/// Vigil's one text-level CSV reader. Reads RFC 4180 CSV record by record, quoted fields spanning lines included, with
/// the line each record starts on, and reports a broken record (stray quote, unterminated quote, bytes that are not
/// UTF-8, when the text comes from <see cref="Utf8Input"/>) instead of throwing, so one bad row never costs the rest of the file: callers decide whether to set it aside or stop. A
/// quote left open resynchronises at the next physical line rather than swallowing the file. Blank lines are skipped
/// and a leading byte order mark is dropped even when the reader did not strip it (a string, a BOM-less decoder).
/// </summary>
public sealed class CsvReader
{
    /// <summary>A quoted field may span at most this many physical lines before the record is called broken.</summary>
    private const int MaxLinesPerRecord = 64;
    private readonly TextReader _reader;
    private readonly Queue<(string Text, int Number, string? Problem)> _pushedBack = new();
    private readonly List<(string Text, int Number, string? Problem)> _recordLines = [];
    private readonly StringBuilder _field = new();
    private int _lineNumber;

    public CsvReader(TextReader reader, string source)
    {
        _reader = reader;
        Source = source;
    }

    /// <summary>The file name (or other label) that error messages start with.</summary>
    internal string Source { get; }

    /// <summary><c>source:line: message</c>, the form every Vigil error about a CSV row takes.</summary>
    public string At(int line, string message) => $"{Source}:{line}: {message}";

    /// <summary>Reads the next record. False at end of input. <paramref name="error"/> is set (and fields empty) for a broken one.</summary>
    public bool TryRead(List<string> fields, out int line, out string? error)
    {
        fields.Clear();
        error = null;
        _recordLines.Clear();
        if (!NextLine(out var text, out line, out var problem)) return false;
        while (text.Length == 0 && problem is null)
        {
            if (!NextLine(out text, out line, out problem)) return false;
        }
        _recordLines.Add((text, line, problem));
        var content = text;
        while (true)
        {
            var state = Parse(content, fields, out error);
            if (state == ParseState.Complete) break;
            if (state == ParseState.Broken)
            {
                fields.Clear();
                ResyncAfterFirstLine();
                return true;
            }
            if (_recordLines.Count >= MaxLinesPerRecord || !NextLine(out var more, out var moreNumber, out var moreProblem))
            {
                fields.Clear();
                error = "quoted field is never closed";
                ResyncAfterFirstLine();
                return true;
            }
            _recordLines.Add((more, moreNumber, moreProblem));
            content += "\n" + more;
        }
        // A line that was not UTF-8 was read with U+FFFD in place of its bad bytes, so the record's shape is known and the
        // lines after it stay in step; the record itself is refused.
        foreach (var (_, number, lineProblem) in _recordLines)
        {
            if (lineProblem is null) continue;
            fields.Clear();
            error = number == line ? lineProblem : $"{lineProblem} on line {number}";
            break;
        }
        return true;
    }

    private void ResyncAfterFirstLine()
    {
        // Lines read past the first belong to records after the broken one: read them again.
        for (var i = _recordLines.Count - 1; i >= 1; i--) PushFront(_recordLines[i]);
    }

    private void PushFront((string, int, string?) line)
    {
        var rest = _pushedBack.ToArray();
        _pushedBack.Clear();
        _pushedBack.Enqueue(line);
        foreach (var item in rest) _pushedBack.Enqueue(item);
    }

    private bool NextLine(out string text, out int number, out string? problem)
    {
        problem = null;
        if (_pushedBack.TryDequeue(out var pushed))
        {
            (text, number, problem) = pushed;
            return true;
        }
        if (!Utf8Input.TryReadLine(_reader, out var read, out problem))
        {
            text = "";
            number = _lineNumber;
            return false;
        }
        text = _lineNumber == 0 && read.StartsWith('\uFEFF') ? read[1..] : read;
        number = ++_lineNumber;
        return true;
    }

    private enum ParseState { Complete, NeedMore, Broken }

    private ParseState Parse(string content, List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        var i = 0;
        while (true)
        {
            _field.Clear();
            if (i < content.Length && content[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= content.Length) return ParseState.NeedMore;
                    var c = content[i];
                    if (c == '"')
                    {
                        if (i + 1 < content.Length && content[i + 1] == '"') { _field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    _field.Append(c);
                    i++;
                }
                if (i < content.Length && content[i] != ',')
                {
                    error = $"unexpected character '{content[i]}' after a closing quote";
                    return ParseState.Broken;
                }
            }
            else
            {
                var end = content.IndexOf(',', i);
                if (end < 0) end = content.Length;
                var quote = content.IndexOf('"', i, end - i);
                if (quote >= 0)
                {
                    error = "stray quote inside an unquoted field";
                    return ParseState.Broken;
                }
                _field.Append(content, i, end - i);
                i = end;
            }
            fields.Add(_field.ToString());
            if (i >= content.Length) return ParseState.Complete;
            i++; // the comma
            if (i == content.Length)
            {
                fields.Add("");
                return ParseState.Complete;
            }
        }
    }
}
