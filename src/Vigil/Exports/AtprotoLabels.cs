using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Policy;

namespace Vigil.Exports;

/// <summary>A <c>com.atproto.label.defs#label</c>; <see cref="Sig"/> is empty until signed.</summary>
public sealed record AtprotoLabel
{
    public int Ver { get; init; } = 1;
    public required string Src { get; init; }
    public required string Uri { get; init; }
    public string? Cid { get; init; }
    public required string Val { get; init; }
    public bool Neg { get; init; }
    public required string Cts { get; init; }
    public string? Exp { get; init; }
    public byte[] Sig { get; init; } = [];
}

/// <summary>How subjects map to AT Protocol identifiers; the host knows its accounts' DIDs, the engine does not.</summary>
public sealed record AtprotoOptions
{
    /// <summary>The labeler's DID (<c>src</c>).</summary>
    public required string LabelerDid { get; init; }
    /// <summary>Prefix turning a platform account id into a DID when the id is not one already.</summary>
    public string DidPrefix { get; init; } = "did:plc:";
    public string PostCollection { get; init; } = "app.bsky.feed.post";
}

/// <summary>
/// Turns the decision log into AT Protocol labels: one per labelled post or account, and a negation label (same src,
/// uri and val, <c>neg: true</c>, later <c>cts</c>) for each one an overturned appeal reversed. Signed as the spec
/// says: DAG-CBOR of the label without <c>sig</c>, SHA-256, ECDSA P-256, low-S, 64-byte r||s.
/// </summary>
public static class AtprotoLabelExporter
{
    // The order of the P-256 group; a signature's s above half of it is replaced by n - s (low-S form).
    private static readonly BigInteger CurveOrder = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    public static IReadOnlyList<AtprotoLabel> Build(EnforcementState state, AtprotoOptions options)
    {
        var labels = new List<AtprotoLabel>();
        var decisions = state.Decisions.OrderBy(d => d.At).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        // A (uri, val) that some decision still in force carries is never negated: when a new policy version
        // supersedes a decision with the same label, subscribers see the label stay rather than flicker.
        var standing = new HashSet<(string, string)>();
        foreach (var decision in decisions)
            if (!decision.Reversed && ValueFor(decision) is { } val)
                standing.Add((UriFor(decision.Subject, decision.Author, options), val));
        var negated = new HashSet<(string, string)>();
        foreach (var decision in decisions)
        {
            var val = ValueFor(decision);
            if (val is null) continue;
            var uri = UriFor(decision.Subject, decision.Author, options);
            labels.Add(new AtprotoLabel { Src = options.LabelerDid, Uri = uri, Val = val, Cts = Time(decision.At) });
            if (decision.Reversed && !standing.Contains((uri, val)) && negated.Add((uri, val)) &&
                ReversalTime(state, decision.Id) is { } reversedAt)
                labels.Add(new AtprotoLabel { Src = options.LabelerDid, Uri = uri, Val = val, Neg = true, Cts = Time(reversedAt) });
        }
        foreach (var restriction in state.AllRestrictions.OrderBy(r => r.From).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            var uri = Did(restriction.Account, options);
            var val = restriction.Action == AccountAction.Suspend ? "suspended" : "read-only";
            labels.Add(new AtprotoLabel
            {
                Src = options.LabelerDid, Uri = uri, Val = val, Cts = Time(restriction.From),
                Exp = restriction.Until is { } until ? Time(until) : null,
            });
            if (restriction.Reversed && ReversalTime(state, restriction.Id) is { } reversedAt)
                labels.Add(new AtprotoLabel { Src = options.LabelerDid, Uri = uri, Val = val, Neg = true, Cts = Time(reversedAt) });
        }
        return labels;
    }

    /// <summary>Label values are lower-case kebab tokens: what the content is, never a score.</summary>
    private static string? ValueFor(DecisionStatus decision)
    {
        if (decision.AccountAction == AccountAction.LabelAutomated) return "bot";
        if (decision.Actions == ContentActions.None) return null;
        return decision.Payload.Consensus switch
        {
            "agreed-antisemitic" => "antisemitism",
            "agreed-hate" => "hate",
            "contested" => "contested",
            _ => null,
        };
    }

    private static DateTimeOffset? ReversalTime(EnforcementState state, string id) => state.ReversalAt(id);

    private static string UriFor(DecisionSubject subject, string? author, AtprotoOptions options)
    {
        if (subject.Kind == SubjectKind.Account) return Did(subject.Id, options);
        var postId = subject.Id;
        if (postId.StartsWith("at://", StringComparison.Ordinal)) return postId;
        return $"at://{Did(author ?? "unknown", options)}/{options.PostCollection}/{postId}";
    }

    private static string Did(string accountId, AtprotoOptions options) =>
        accountId.StartsWith("did:", StringComparison.Ordinal) ? accountId : options.DidPrefix + accountId;

    private static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bytes that are hashed and signed: DAG-CBOR of every field except <c>sig</c>; <c>neg</c> only when true.</summary>
    internal static byte[] Encode(AtprotoLabel label)
    {
        var writer = new DagCborWriter();
        Write(writer, label, withSignature: false);
        return writer.ToArray();
    }

    /// <summary>Writes the label as a DAG-CBOR map, with its <c>sig</c> (as a label is sent) or without (as it is signed).</summary>
    internal static void Write(DagCborWriter writer, AtprotoLabel label, bool withSignature)
    {
        var entries = new List<(string, Action<DagCborWriter>)>
        {
            ("ver", w => w.WriteUnsigned((ulong)label.Ver)),
            ("src", w => w.WriteText(label.Src)),
            ("uri", w => w.WriteText(label.Uri)),
            ("val", w => w.WriteText(label.Val)),
            ("cts", w => w.WriteText(label.Cts)),
        };
        if (label.Cid is not null) entries.Add(("cid", w => w.WriteText(label.Cid)));
        if (label.Neg) entries.Add(("neg", w => w.WriteBool(true)));
        if (label.Exp is not null) entries.Add(("exp", w => w.WriteText(label.Exp)));
        if (withSignature && label.Sig.Length > 0) entries.Add(("sig", w => w.WriteBytes(label.Sig)));
        writer.WriteMap(entries);
    }

    public static AtprotoLabel Sign(AtprotoLabel label, ECDsa key)
    {
        var hash = SHA256.HashData(Encode(label));
        return label with { Sig = LowS(key.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)) };
    }

    public static bool Verify(AtprotoLabel label, ECDsa publicKey) =>
        label.Sig.Length == 64 && IsLowS(label.Sig) &&
        publicKey.VerifyHash(SHA256.HashData(Encode(label)), label.Sig, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    internal static bool IsLowS(ReadOnlySpan<byte> signature) =>
        new BigInteger(signature[32..], isUnsigned: true, isBigEndian: true) <= CurveOrder / 2;

    private static byte[] LowS(byte[] signature)
    {
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        if (s <= CurveOrder / 2) return signature;
        var low = (CurveOrder - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = (byte[])signature.Clone();
        Array.Clear(result, 32, 32);
        low.CopyTo(result, 64 - low.Length);
        return result;
    }

    /// <summary><c>{"labels":[...]}</c> with <c>sig</c> as <c>{"$bytes": base64}</c> (unpadded, as the reference PDS writes it).</summary>
    public static string ToJson(IReadOnlyList<AtprotoLabel> labels)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
               {
                   Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            json.WriteStartObject();
            json.WriteStartArray("labels");
            foreach (var label in labels) WriteJson(json, label);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One label as the lexicon's JSON form writes it, <c>sig</c> as <c>{"$bytes": base64}</c>.</summary>
    public static void WriteJson(Utf8JsonWriter json, AtprotoLabel label)
    {
        json.WriteStartObject();
        json.WriteNumber("ver", label.Ver);
        json.WriteString("src", label.Src);
        json.WriteString("uri", label.Uri);
        if (label.Cid is not null) json.WriteString("cid", label.Cid);
        json.WriteString("val", label.Val);
        if (label.Neg) json.WriteBoolean("neg", true);
        json.WriteString("cts", label.Cts);
        if (label.Exp is not null) json.WriteString("exp", label.Exp);
        if (label.Sig.Length > 0)
        {
            json.WriteStartObject("sig");
            json.WriteString("$bytes", Convert.ToBase64String(label.Sig).TrimEnd('='));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
