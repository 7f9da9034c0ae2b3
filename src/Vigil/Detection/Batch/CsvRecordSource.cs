using System.Text;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Detection.Batch;

/// <summary>A CSV input with a header row; the text and id columns are chosen by name.</summary>
internal sealed class CsvRecordSource : IRecordSource
{
    private readonly TextReader _reader;
    private readonly CsvReader _csv;
    private readonly List<string> _fields = [];
    private readonly int _textColumn;
    private readonly int _idColumn;
    private readonly int _columns;

    /// <exception cref="FormatException">The header is unreadable or lacks the text column (names the file).</exception>
    public CsvRecordSource(string path, string textColumn, string idColumn)
    {
        _reader = Utf8Input.OpenText(path);
        _csv = new CsvReader(_reader, path);
        if (!_csv.TryRead(_fields, out var line, out var error) || error is not null)
            throw new FormatException($"{path}:{line}: cannot read the header row ({error ?? "file is empty"}).");
        _columns = _fields.Count;
        _textColumn = _fields.IndexOf(textColumn);
        _idColumn = _fields.IndexOf(idColumn);
        if (_textColumn < 0)
            throw new FormatException($"{path}:1: no '{textColumn}' column in the header (columns: {string.Join(", ", _fields)}); choose one with --text-column.");
    }

    public bool TryNext(out InputRecord record)
    {
        if (!_csv.TryRead(_fields, out var line, out var error))
        {
            record = default;
            return false;
        }
        if (error is null && _fields.Count != _columns) error = $"expected {_columns} fields, found {_fields.Count}";
        record = error is not null
            ? new InputRecord(line, "", "", error)
            : new InputRecord(line, _idColumn >= 0 ? _fields[_idColumn] : line.ToString(), _fields[_textColumn], null);
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
