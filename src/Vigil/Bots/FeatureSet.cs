using Vigil.Model;

namespace Vigil.Bots;

/// <summary>A labelled data set turned into feature vectors once, so that every fold reuses the same extraction.</summary>
internal sealed class FeatureSet
{
    /// <summary>A feature counts as held by a data set when at least this share of its rows has it.</summary>
    public const double AvailableShare = 0.9;

    public string Name { get; }
    public IReadOnlyList<FeatureRow> Rows { get; }

    public FeatureSet(string name, IReadOnlyList<FeatureRow> rows)
    {
        Name = name;
        Rows = rows;
    }

    /// <param name="relativeToPopulation">Express every feature relative to this set's own population (<see cref="PopulationScale"/>).</param>
    public static FeatureSet From(LabelledSet set, bool relativeToPopulation)
    {
        var rows = new FeatureRow[set.Accounts.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var features = new double[BotFeatures.Count];
            BotFeatures.Extract(set.Accounts[i].Profile, set.Accounts[i].Behaviour, set.Accounts[i].Coordination, features);
            foreach (var withheld in set.Withheld) features[(int)withheld] = double.NaN;
            rows[i] = new FeatureRow(features, set.Accounts[i].IsBot);
        }
        if (relativeToPopulation)
        {
            var scale = PopulationScale.Of(rows.Select(r => r.Features).ToArray());
            foreach (var row in rows) scale.Apply(row.Features);
        }
        return new FeatureSet(set.Name, rows);
    }

    public int CountBots()
    {
        var bots = 0;
        foreach (var row in Rows) if (row.IsBot) bots++;
        return bots;
    }

    public bool[] Labels() => Rows.Select(r => r.IsBot).ToArray();

    /// <summary>Whether the data set holds the feature, and it varies (a constant says nothing and cannot be scaled).</summary>
    public bool Holds(BotFeature feature)
    {
        int present = 0;
        double first = double.NaN;
        var varies = false;
        foreach (var row in Rows)
        {
            var v = row.Features[(int)feature];
            if (double.IsNaN(v)) continue;
            present++;
            if (double.IsNaN(first)) first = v;
            else if (v != first) varies = true;
        }
        return varies && present >= AvailableShare * Rows.Count;
    }

    /// <summary>
    /// Standardised mean difference, bots minus humans, over the rows holding the feature: the sign says which way the
    /// feature points in this set, which is what has to agree between sets for a model to travel.
    /// </summary>
    public double Separation(BotFeature feature)
    {
        double sumBots = 0, sumHumans = 0, sumSquares = 0, sum = 0;
        int bots = 0, humans = 0;
        foreach (var row in Rows)
        {
            var v = row.Features[(int)feature];
            if (double.IsNaN(v)) continue;
            if (row.IsBot) { sumBots += v; bots++; } else { sumHumans += v; humans++; }
            sum += v;
            sumSquares += v * v;
        }
        var n = bots + humans;
        if (bots == 0 || humans == 0) return double.NaN;
        var sd = Math.Sqrt(Math.Max(0, sumSquares / n - (sum / n) * (sum / n)));
        return sd > 1e-9 ? (sumBots / bots - sumHumans / humans) / sd : 0;
    }

    /// <summary>The features every one of <paramref name="sets"/> holds, in vector order.</summary>
    public static IReadOnlyList<BotFeature> Shared(IEnumerable<FeatureSet> sets)
    {
        var all = sets.ToList();
        return Enum.GetValues<BotFeature>().Where(f => all.All(s => s.Holds(f))).ToArray();
    }

    /// <summary>Splits rows into <paramref name="folds"/> stratified folds with a seeded shuffle.</summary>
    public IReadOnlyList<(FeatureSet Train, FeatureSet Test)> Folds(int folds, int seed)
    {
        var random = new SeededRandom(seed);
        var assignment = new int[Rows.Count];
        foreach (var label in new[] { true, false })
        {
            var indices = Enumerable.Range(0, Rows.Count).Where(i => Rows[i].IsBot == label).ToArray();
            random.Shuffle(indices);
            for (var k = 0; k < indices.Length; k++) assignment[indices[k]] = k % folds;
        }
        var result = new List<(FeatureSet, FeatureSet)>(folds);
        for (var fold = 0; fold < folds; fold++)
        {
            var train = new List<FeatureRow>();
            var test = new List<FeatureRow>();
            for (var i = 0; i < Rows.Count; i++) (assignment[i] == fold ? test : train).Add(Rows[i]);
            result.Add((new FeatureSet(Name, train), new FeatureSet(Name, test)));
        }
        return result;
    }
}

internal readonly record struct FeatureRow(double[] Features, bool IsBot);
