using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Text.Csv;

namespace Vigil.Cli.Hosting;

/// <summary>How a command prints its results: <c>--format table|json|csv</c>.</summary>
internal enum OutputFormat
{
    /// <summary>A drawn table on a terminal; an aligned Markdown table when stdout is a file, a pipe or a CI log.</summary>
    Table,
    /// <summary>One JSON object: each table's name maps to an array of row objects, numbers as numbers.</summary>
    Json,
    /// <summary>Each table as CSV with a header row; several tables are separated by an empty line.</summary>
    Csv,
}

/// <summary>One cell: the text a person reads, and the value a program reads (a share as a fraction, a count as a number).</summary>
internal readonly record struct Cell(string Text, object? Value)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static implicit operator Cell(string text) => new(text, text);

    public static Cell Count(long value) => new(value.ToString("N0", Invariant), value);

    /// <summary>A share printed as a percentage (<paramref name="format"/>, e.g. P1), read by programs as a fraction.</summary>
    public static Cell Share(double? value, string format = "P1") =>
        value is { } v && !double.IsNaN(v) ? new(v.ToString(format, Invariant), v) : new("-", null);

    public static Cell Number(double? value, string format) =>
        value is { } v && !double.IsNaN(v) ? new(v.ToString(format, Invariant), v) : new("-", null);

    public static Cell Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    public static Cell Time(DateTimeOffset? at) => at is { } t ? new(t.ToString("u", Invariant), t) : new("-", null);
}

/// <summary>A named table of results; the name is its key in JSON output, the title what a person sees above it.</summary>
internal sealed class ResultTable(string name, params string[] columns)
{
    private readonly List<Cell[]> _rows = [];

    public string Name { get; } = name;
    public string? Title { get; init; }
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<Cell[]> Rows => _rows;

    public ResultTable Add(params Cell[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"table '{Name}' has {Columns.Count} columns, a row gave {cells.Length}.", nameof(cells));
        _rows.Add(cells);
        return this;
    }
}

/// <summary>
/// Writes results in the format the user chose, the same way for every command. Tables go to stdout; so do notes (a
/// summary line) in table format, while in JSON and CSV they go to stderr so that stdout stays one parseable document.
/// </summary>
internal sealed class ResultOutput(OutputFormat format, TextWriter output, TextWriter notes, bool terminal)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Option<OutputFormat> FormatOption() => new("--format")
    {
        Description = "How to print the results: table (Markdown when not on a terminal), json or csv.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    /// <summary>Output for the format <paramref name="option"/> holds, on the process's stdout and stderr.</summary>
    public static ResultOutput For(ParseResult parse, Option<OutputFormat> option) => Console(parse.GetValue(option));

    /// <summary>Tables the way <c>--format table</c> prints them, for commands that print tables but have no --format.</summary>
    public static ResultOutput Console(OutputFormat format = OutputFormat.Table) =>
        new(format, System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    public OutputFormat Format => format;

    /// <summary>A line for a person: on stdout with tables, on stderr when stdout carries JSON or CSV.</summary>
    public void Note(string line) => (format == OutputFormat.Table ? output : notes).WriteLine(line);

    /// <summary>Writes the command's tables; call once, with all of them, so that JSON output is one document.</summary>
    public void Write(params ResultTable[] tables)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(tables);
                break;
            case OutputFormat.Csv:
                for (var i = 0; i < tables.Length; i++)
                {
                    if (i > 0) output.Write('\n');
                    WriteCsv(tables[i]);
                }
                break;
            default:
                foreach (var table in tables)
                {
                    if (terminal) WriteDrawn(table);
                    else WriteMarkdown(table);
                }
                break;
        }
        output.Flush();
    }

    private static void WriteDrawn(ResultTable table)
    {
        var drawn = new Table();
        if (table.Title is { } title) drawn.Title($"[bold]{Markup.Escape(title)}[/]");
        foreach (var column in table.Columns) drawn.AddColumn(Markup.Escape(column));
        foreach (var row in table.Rows) drawn.AddRow(row.Select(cell => Markup.Escape(cell.Text)).ToArray());
        AnsiConsole.Write(drawn);
    }

    /// <summary>
    /// Never wrapped or cut, whatever the width of the log it lands in; padded so that it also reads as a table in plain
    /// text, and valid Markdown to paste into a document.
    /// </summary>
    private void WriteMarkdown(ResultTable table)
    {
        if (table.Title is { } title) output.WriteLine($"{title}:");
        var cells = table.Rows.Select(row => row.Select(cell => MarkdownCell(cell.Text)).ToArray()).ToList();
        var headers = table.Columns.Select(MarkdownCell).ToArray();
        var widths = headers.Select((h, i) => Math.Max(3, cells.Aggregate(h.Length, (w, row) => Math.Max(w, row[i].Length)))).ToArray();
        var numeric = headers.Select((_, i) => table.Rows.Count > 0 && table.Rows.All(row => IsNumeric(row[i]))).ToArray();
        output.WriteLine(Line(headers.Select((h, i) => h.PadRight(widths[i]))));
        output.WriteLine(Line(widths.Select((w, i) => numeric[i] ? new string('-', w - 1) + ":" : new string('-', w))));
        foreach (var row in cells)
            output.WriteLine(Line(row.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))));
        output.WriteLine();

        static string Line(IEnumerable<string> parts) => "| " + string.Join(" | ", parts) + " |";
        static bool IsNumeric(Cell cell) => cell.Value is null or long or int or double;
        static string MarkdownCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
    }

    private void WriteCsv(ResultTable table)
    {
        CsvFormat.WriteRow(output, [.. table.Columns]);
        foreach (var row in table.Rows) CsvFormat.WriteRow(output, [.. row.Select(cell => cell.Value switch
        {
            null => "",
            double d => d.ToString("R", Invariant),
            IFormattable f => f.ToString(null, Invariant),
            var other => other.ToString() ?? "",
        })]);
    }

    private void WriteJson(IEnumerable<ResultTable> tables)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var table in tables)
            {
                json.WriteStartArray(table.Name);
                foreach (var row in table.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < row.Length; i++)
                    {
                        json.WritePropertyName(table.Columns[i]);
                        WriteValue(json, row[i].Value);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case double d: json.WriteNumberValue(d); break;
            case bool b: json.WriteBooleanValue(b); break;
            case DateTimeOffset t: json.WriteStringValue(t.ToString("O", Invariant)); break;
            default: json.WriteStringValue(Convert.ToString(value, Invariant)); break;
        }
    }
}
