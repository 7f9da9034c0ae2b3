using System.Text;
using System.Text.Json;
using Vigil.Text;

namespace Vigil.Detection.Batch;

/// <summary>A JSON Lines input: one object per line; the text and id properties are chosen by name.</summary>
internal sealed class JsonlRecordSource : IRecordSource
{
    private readonly TextReader _reader;
    private readonly string _textProperty;
    private readonly string _idProperty;
    private int _line;

    public JsonlRecordSource(string path, string textProperty, string idProperty)
    {
        _reader = Utf8Input.OpenText(path);
        _textProperty = textProperty;
        _idProperty = idProperty;
    }

    public bool TryNext(out InputRecord record)
    {
        string text;
        string? problem;
        do
        {
            if (!Utf8Input.TryReadLine(_reader, out text, out problem))
            {
                record = default;
                return false;
            }
            _line++;
        } while (text.Length == 0 && problem is null);
        record = problem is null ? Parse(text, _line) : new InputRecord(_line, "", "", problem);
        return true;
    }

    private InputRecord Parse(string text, int line)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new InputRecord(line, "", "", "not a JSON object");
            if (!root.TryGetProperty(_textProperty, out var body) || body.ValueKind != JsonValueKind.String)
                return new InputRecord(line, "", "", $"no string '{_textProperty}' property");
            var id = !root.TryGetProperty(_idProperty, out var idValue) ? line.ToString()
                : idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : idValue.GetRawText();
            return new InputRecord(line, id, body.GetString()!, null);
        }
        catch (JsonException e)
        {
            return new InputRecord(line, "", "", $"invalid JSON ({e.Message})");
        }
        catch (InvalidOperationException) when (UnpairedSurrogate.Problem(text) is { } problem)
        {
            return new InputRecord(line, "", "", problem);
        }
    }

    public void Dispose() => _reader.Dispose();
}
