using System.CommandLine;
using System.Text.Json;
using Vigil.Detection.Encoder;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil encoder dump</c>: what this runtime makes of a list of texts (the normaliser's output, the WordPiece ids,
/// ONNX Runtime's pooled vector and each head's logits), so the training pipeline can check its preprocessing and its
/// torch rebuild of the encoder against the product.
/// </summary>
internal static class EncoderCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--in") { Description = "Texts: one per line (.txt) or one {\"text\": …} object per line (.jsonl).", Required = true };
        var output = new Option<string>("--out") { Description = "Output .jsonl: one object per text, in input order.", Required = true };
        var model = new Option<string?>("--model") { Description = "Encoder manifest (.json beside its .safetensors); default: the pretrained base encoder, no heads." };
        var hidden = new Option<bool>("--hidden") { Description = "Also write last_hidden_state for every token (large)." };
        var dump = new Command("dump", "Write normalised text, token ids, pooled vector and head logits for each input text.") { input, output, model, hidden };
        dump.SetAction(parse =>
        {
            var texts = ReadTexts(parse.GetValue(input)!);
            var dumped = EncoderDump.Run(texts, parse.GetValue(model), parse.GetValue(hidden));
            using var writer = new StreamWriter(parse.GetValue(output)!);
            foreach (var text in dumped.Rows)
            {
                var row = new Dictionary<string, object?>
                {
                    ["text"] = text.Text,
                    ["normalized"] = text.Normalized,
                    ["ids"] = text.Ids,
                    ["pooled"] = text.Pooled,
                    ["logits"] = text.Logits,
                };
                if (text.LastHiddenState is not null) row["last_hidden_state"] = text.LastHiddenState;
                writer.WriteLine(JsonSerializer.Serialize(row));
            }
            Console.Error.WriteLine($"vigil encoder dump: {texts.Count} texts ({dumped.Version}, pooling {dumped.Pooling}, max {dumped.MaxTokens} tokens) → {parse.GetValue(output)}");
            return ExitCodes.Success;
        });
        return new Command("encoder", "The encoder stage's tools.") { dump };
    }

    private static List<string> ReadTexts(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        var texts = new List<string>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (!path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                texts.Add(text);
                continue;
            }
            if (text.Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(text);
                texts.Add(document.RootElement.GetProperty("text").GetString()
                          ?? throw new FormatException($"{path}:{line}: 'text' is null."));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{line}: expected an object with a string 'text' ({e.Message}).");
            }
        }
        return texts;
    }
}
