using System.Text;
using Vigil.Storage;

namespace Vigil.Reporting.Transparency;

/// <summary>The outcome of a reproduction: every difference found, empty when all bytes matched.</summary>
public sealed record ReproduceResult(IReadOnlyList<string> FilesCompared, IReadOnlyList<string> Differences)
{
    public bool Matches => Differences.Count == 0;
}

/// <summary>
/// <c>vigil report --reproduce DIR</c>: recomputes every figure from manifest.json alone and compares report.json and the
/// CSVs byte for byte with those in the folder. Charts and HTML are layout, drawn from the same tables, and not compared.
/// With a store, also checks that the population rows still hash to what the manifest recorded.
/// </summary>
public static class ReportBundle
{
    private const int LinesShownPerFile = 5;

    public static async Task<ReproduceResult> ReproduceAsync(string directory, IVigilStore? store = null, CancellationToken ct = default)
    {
        var manifestPath = Path.Combine(directory, ReportManifest.FileName);
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"No {ReportManifest.FileName} in {directory}: not a report bundle.", manifestPath);
        var inputs = ReportManifest.Read(manifestPath);
        var expected = ReportJson.RenderData(TransparencyReport.Compute(inputs));
        var differences = new List<string>();

        if (store is not null)
        {
            var population = await PeriodPopulation.ReadAsync(store, inputs.ModelVersion, inputs.From, inputs.To, ct);
            var hash = population.Sha256();
            if (hash != inputs.PopulationSha256)
                differences.Add($"database: the population rows hash to {hash}, the manifest recorded {inputs.PopulationSha256}");
        }

        foreach (var (name, bytes) in expected)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) { differences.Add($"{name}: missing"); continue; }
            var actual = File.ReadAllBytes(path);
            if (!actual.AsSpan().SequenceEqual(bytes)) differences.AddRange(LineDifferences(name, bytes, actual));
        }
        foreach (var path in Directory.EnumerateFiles(directory, "*.csv"))
        {
            var name = Path.GetFileName(path);
            if (!expected.ContainsKey(name)) differences.Add($"{name}: not produced by the manifest");
        }
        return new ReproduceResult([.. expected.Keys], differences);
    }

    private static IEnumerable<string> LineDifferences(string name, byte[] expectedBytes, byte[] actualBytes)
    {
        var expected = Encoding.UTF8.GetString(expectedBytes).Split('\n');
        var actual = Encoding.UTF8.GetString(actualBytes).Split('\n');
        var shown = 0;
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var e = i < expected.Length ? expected[i] : "(end of file)";
            var a = i < actual.Length ? actual[i] : "(end of file)";
            if (e == a) continue;
            if (shown++ == LinesShownPerFile) { yield return $"{name}: further lines differ"; yield break; }
            yield return $"{name} line {i + 1}: recomputed \"{e.Trim()}\", bundle has \"{a.Trim()}\"";
        }
        if (shown == 0) yield return $"{name}: bytes differ (encoding or line endings)";
    }
}
