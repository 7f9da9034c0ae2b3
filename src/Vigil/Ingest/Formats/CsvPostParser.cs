using System.Globalization;
using System.Text;
using Vigil.Model;

namespace Vigil.Ingest.Formats;

/// <summary>
/// Posts from CSV (RFC 4180: quoted fields may hold commas, line breaks and doubled quotes). The first record is the
/// header; each Vigil post field is read from the column mapped to it, or from the column of its own name. Lists are
/// whitespace-separated in one cell; times are ISO 8601, Unix seconds or milliseconds, or the old Twitter form.
/// </summary>
internal sealed class CsvPostParser(string source, IReadOnlyDictionary<string, string> columnMap) : IRecordParser
{
    /// <summary>The fields a CSV column can fill, in the order the columns array below holds them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["id", "author_id", "created_at", "text", "lang", "reply_to_id", "quote_of_id", "repost_of_id", "hashtags", "mentions", "urls", "views"];

    private const int Id = 0, AuthorId = 1, CreatedAt = 2, Text = 3, Lang = 4, ReplyTo = 5, QuoteOf = 6, RepostOf = 7,
        Hashtags = 8, Mentions = 9, Urls = 10, Views = 11;

    private static readonly char[] ListSeparators = [' ', '\t', '\r', '\n', ','];
    private readonly List<string> _cells = [];
    private readonly StringBuilder _cell = new();
    private int[]? _columnOfField;
    private int _headerWidth;

    public ScanMode Mode => ScanMode.Csv;

    public void Parse(ReadOnlySpan<byte> utf8, long line, IRecordSink sink)
    {
        SplitCells(Encoding.UTF8.GetString(utf8));
        if (_columnOfField is null)
        {
            ReadHeader(line);
            // The header is well-formed and holds no post: ignored, so that every row read is accounted for.
            sink.Ignore();
            return;
        }
        if (_cells.Count != _headerWidth)
            throw new InvalidRecordException($"expected {_headerWidth} fields as in the header, found {_cells.Count}");

        sink.Add(new Post
        {
            Id = Required(Id),
            AuthorId = Required(AuthorId),
            CreatedAt = ParseTime(Required(CreatedAt)),
            Text = Cell(Text) ?? "",
            Language = Cell(Lang),
            ReplyToId = Cell(ReplyTo),
            QuoteOfId = Cell(QuoteOf),
            RepostOfId = Cell(RepostOf),
            Hashtags = List(Hashtags, '#'),
            Mentions = List(Mentions, '@'),
            Urls = List(Urls, null),
            Views = Cell(Views) is { } views
                ? long.TryParse(views, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : throw JsonValues.Invalid("views", "a non-negative integer")
                : 0,
        });
    }

    private void ReadHeader(long line)
    {
        var columnIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _cells.Count; i++) columnIndex.TryAdd(_cells[i].Trim(), i);
        foreach (var field in columnMap.Keys)
        {
            if (!Fields.Contains(field))
                throw new IngestException($"{source}: '{field}' in the column map is not a post field (fields: {string.Join(", ", Fields)}).");
        }

        var columns = new int[Fields.Count];
        for (var f = 0; f < Fields.Count; f++)
        {
            if (columnMap.TryGetValue(Fields[f], out var mapped))
            {
                columns[f] = columnIndex.TryGetValue(mapped, out var index)
                    ? index
                    : throw new IngestException($"{source}:{line}: the header has no column '{mapped}' (mapped to '{Fields[f]}').");
            }
            else
            {
                columns[f] = columnIndex.GetValueOrDefault(Fields[f], -1);
            }
        }
        foreach (var required in (int[])[Id, AuthorId, CreatedAt])
        {
            if (columns[required] < 0)
                throw new IngestException($"{source}:{line}: the header has no column for '{Fields[required]}'; " +
                                          $"map one with --map {Fields[required]}=COLUMN.");
        }
        _headerWidth = _cells.Count;
        _columnOfField = columns;
    }

    private string? Cell(int field)
    {
        var column = _columnOfField![field];
        return column < 0 || _cells[column].Length == 0 ? null : _cells[column];
    }

    private string Required(int field) => Cell(field) ?? throw JsonValues.Missing(Fields[field]);

    private IReadOnlyList<string> List(int field, char? prefix)
    {
        if (Cell(field) is not { } cell) return [];
        var items = cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (prefix is { } p)
        {
            for (var i = 0; i < items.Length; i++) items[i] = items[i].TrimStart(p);
        }
        return items;
    }

    private static DateTimeOffset ParseTime(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            // Below 10^11 seconds is before the year 5138; above it, the number can only be milliseconds.
            return epoch < 100_000_000_000L ? DateTimeOffset.FromUnixTimeSeconds(epoch) : DateTimeOffset.FromUnixTimeMilliseconds(epoch);
        }
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Utc, out var time) ||
            DateTimeOffset.TryParseExact(text, "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, Utc, out time))
            return time.ToUniversalTime();
        throw new InvalidRecordException($"field 'created_at' is not a time: '{text}'");
    }

    private void SplitCells(string record)
    {
        _cells.Clear();
        var i = 0;
        while (true)
        {
            _cell.Clear();
            if (i < record.Length && record[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= record.Length) throw new InvalidRecordException("unterminated quoted field");
                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"') { _cell.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    _cell.Append(record[i++]);
                }
                if (i < record.Length && record[i] != ',')
                    throw new InvalidRecordException($"unexpected '{record[i]}' after a closing quote in field {_cells.Count + 1}");
            }
            else
            {
                var end = record.IndexOf(',', i);
                if (end < 0) end = record.Length;
                _cell.Append(record, i, end - i);
                i = end;
            }
            _cells.Add(_cell.ToString());
            if (i >= record.Length) return;
            i++; // the comma
        }
    }
}
