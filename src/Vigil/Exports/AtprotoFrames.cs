namespace Vigil.Exports;

/// <summary>
/// The binary frames of an AT Protocol event stream (<c>com.atproto.label.subscribeLabels</c>): each WebSocket message
/// is two DAG-CBOR objects back to back, a header (<c>{op: 1, t: "#labels"}</c> for a message, <c>{op: -1}</c> for an
/// error) and its body.
/// </summary>
public static class AtprotoFrames
{
    /// <summary><c>#labels</c>: labels issued together under one sequence number.</summary>
    public static byte[] Labels(long seq, IReadOnlyList<AtprotoLabel> labels) => Message("#labels", [
        ("seq", w => w.WriteInteger(seq)),
        ("labels", w => w.WriteArray(labels.Count, (item, i) => AtprotoLabelExporter.Write(item, labels[i], withSignature: true))),
    ]);

    /// <summary><c>#info</c>, e.g. <c>OutdatedCursor</c>: the stream goes on.</summary>
    public static byte[] Info(string name, string message) => Message("#info", [
        ("name", w => w.WriteText(name)),
        ("message", w => w.WriteText(message)),
    ]);

    /// <summary>An error frame (<c>op: -1</c>), after which the server closes the stream, e.g. <c>FutureCursor</c>.</summary>
    public static byte[] Error(string error, string message)
    {
        var writer = new DagCborWriter();
        writer.WriteMap([("op", w => w.WriteInteger(-1))]);
        writer.WriteMap([("error", w => w.WriteText(error)), ("message", w => w.WriteText(message))]);
        return writer.ToArray();
    }

    private static byte[] Message(string type, IReadOnlyList<(string, Action<DagCborWriter>)> body)
    {
        var writer = new DagCborWriter();
        writer.WriteMap([("op", w => w.WriteInteger(1)), ("t", w => w.WriteText(type))]);
        writer.WriteMap(body);
        return writer.ToArray();
    }
}
