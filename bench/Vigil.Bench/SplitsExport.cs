using System.Text.Json;
using Vigil.Detection.Training;

namespace Vigil.Bench;

/// <summary>
/// Writes the labelled corpus exactly as <c>vigil train</c> and <c>vigil eval</c> read it (same rows, labels and seeded
/// splits) as JSON lines, so the peers in bench/peers train and test on the very same splits. Written to a temporary
/// folder at bench time, never committed.
/// </summary>
internal static class SplitsExport
{
    public static int Run(string[] args)
    {
        var data = BenchArgs.OptionText(args, "--data") ?? "../shared/data";
        var output = BenchArgs.OptionText(args, "--out") ?? throw new ArgumentException("--out FILE.jsonl is required");
        var seed = BenchArgs.Option(args, "--seed", 1);
        using var writer = new StreamWriter(output);
        var rows = 0;
        foreach (var row in TrainingCorpus.Load(data, seed))
        {
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                source = row.Source, split = row.Split.ToString().ToLowerInvariant(), text = row.Text,
                antisemitic = row.Antisemitic, hateful = row.Hateful, hx3 = row.Hx3,
            }));
            rows++;
        }
        Console.Error.WriteLine($"splits: {rows} rows from {data} (seed {seed}) → {output}");
        return 0;
    }
}
