using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Ingest;

/// <summary>Appends rejections to a JSONL file (source, line, reason, raw). The file is created on the first rejection only.</summary>
internal sealed class QuarantineWriter(string path) : IDisposable
{
    // Raw records are shown as they were, not with every quote escaped: the file is read by people, never by a browser.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private FileStream? _stream;
    private Utf8JsonWriter? _json;

    public string Path { get; } = path;

    public void Write(Rejection rejection)
    {
        _stream ??= new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _json ??= new Utf8JsonWriter(_stream, Options);
        _json.Reset(_stream);
        _json.WriteStartObject();
        _json.WriteString("source", rejection.Source);
        _json.WriteNumber("line", rejection.Line);
        _json.WriteString("reason", rejection.Reason);
        _json.WriteString("raw", rejection.Raw);
        _json.WriteEndObject();
        _json.Flush();
        _stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _json?.Dispose();
        _stream?.Dispose();
    }
}
