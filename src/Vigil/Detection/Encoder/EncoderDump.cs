namespace Vigil.Detection.Encoder;

/// <summary>One text as this runtime sees it: the normaliser's output, the WordPiece ids, the pooled vector, each
/// head's logits by head name, and (when asked) the last hidden state of every token.</summary>
public sealed record EncoderDumpRow(
    string Text, string Normalized, int[] Ids, float[] Pooled, IReadOnlyDictionary<string, float[]> Logits, float[][]? LastHiddenState);

/// <summary>The encoder named by a manifest and what it made of a list of texts, in input order.</summary>
public sealed record EncoderDumpResult(string Version, string Pooling, int MaxTokens, IReadOnlyList<EncoderDumpRow> Rows);

/// <summary>
/// What this runtime makes of a list of texts, so the training pipeline can check its preprocessing and its torch rebuild
/// of the encoder against the product (<c>vigil encoder dump</c>). The host's one way in: the encoder's own types
/// (artifact, tokenizer, session) stay inside the engine.
/// </summary>
public static class EncoderDump
{
    /// <param name="manifestPath">An encoder manifest (.json beside its .safetensors); null for the pretrained base
    /// encoder, which has no heads.</param>
    public static EncoderDumpResult Run(IReadOnlyList<string> texts, string? manifestPath, bool hiddenStates)
    {
        var artifact = manifestPath is null ? EncoderArtifact.Pretrained() : EncoderArtifact.Load(manifestPath);
        using var encoder = TextEncoder.Create(BaseEncoder.LoadDefault(), artifact, new EncoderOptions());
        var prepared = texts.Select(encoder.Prepare).ToArray();
        var pooled = encoder.Pool(prepared);
        var states = hiddenStates ? encoder.HiddenStates(prepared) : null;
        var heads = artifact.Manifest.Heads;
        var rows = new EncoderDumpRow[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var logits = heads.Select((head, k) => (head.Name, Logits: encoder.Logits(k, pooled[i]))).ToDictionary(x => x.Name, x => x.Logits);
            rows[i] = new EncoderDumpRow(texts[i], prepared[i].Normalized, prepared[i].Ids, pooled[i], logits, states?[i]);
        }
        var manifest = artifact.Manifest;
        return new EncoderDumpResult(manifest.Version, manifest.Pooling, manifest.MaxTokens, rows);
    }
}
