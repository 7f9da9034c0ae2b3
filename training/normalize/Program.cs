using System.Text.Json;
using Vigil.Detection.Training;
using Vigil.Text;

// Two tools for the Python training pipeline (training/), so that it reads the data sets and the text exactly as the
// product does:
//   corpus DATA SEED  writes the product's training corpus (TrainingCorpus: the same rows, labels and seeded splits
//                     as `vigil train` and `vigil eval`) as JSON lines on stdout;
//   normalize         reads one JSON string per line on stdin and writes the product's normalised text for each, in
//                     order, after a first line holding the normaliser's version (recorded in the model manifest).
switch (args)
{
    case ["corpus", var data, var seed]:
        using (var output = new StreamWriter(Console.OpenStandardOutput()))
        {
            foreach (var row in TrainingCorpus.Load(data, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture)))
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    source = row.Source, split = row.Split.ToString().ToLowerInvariant(), text = row.Text,
                    antisemitic = row.Antisemitic, hateful = row.Hateful, hx3 = row.Hx3, target = row.Target,
                }));
        }
        return 0;
    case ["normalize"]:
        using (var input = new StreamReader(Console.OpenStandardInput()))
        using (var output = new StreamWriter(Console.OpenStandardOutput()))
        {
            output.WriteLine(JsonSerializer.Serialize(TextNormalizer.Version));
            while (input.ReadLine() is { } line)
                output.WriteLine(JsonSerializer.Serialize(TextNormalizer.Normalize(JsonSerializer.Deserialize<string>(line) ?? "")));
        }
        return 0;
    default:
        Console.Error.WriteLine("usage: Vigil.Training.Normalize corpus DATA SEED | normalize");
        return 2;
}
