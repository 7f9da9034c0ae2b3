using Vigil.Model;

namespace Vigil.Measurement;

/// <summary>
/// Draws a probability sample from a population of posts. Deterministic for a given population order and seed: the
/// population is always taken in the order given (callers sort by id), so anyone can redraw the same sample.
/// </summary>
internal static class Sampler
{
    public static MeasurementSample Draw(IReadOnlyList<PopulationItem> population, SampleOptions options) =>
        SamplingFrame.Build(population, options).Draw(options.Seed);
}

/// <summary>
/// Everything about a design that does not depend on the seed (strata, allocation, cumulative views), built once so
/// that repeated draws (the validation study draws thousands) cost only the draw itself.
/// </summary>
public sealed class SamplingFrame
{
    private readonly IReadOnlyList<PopulationItem> _population;
    private readonly SampleOptions _options;
    private readonly int[][] _members;
    private readonly Stratum[] _strata;
    private readonly long[] _cumulativeViews;
    private readonly long _totalViews;

    private SamplingFrame(IReadOnlyList<PopulationItem> population, SampleOptions options, int[][] members,
        Stratum[] strata, long[] cumulativeViews, long totalViews)
    {
        _population = population;
        _options = options;
        _members = members;
        _strata = strata;
        _cumulativeViews = cumulativeViews;
        _totalViews = totalViews;
    }

    internal IReadOnlyList<Stratum> Strata => _strata;

    public static SamplingFrame Build(IReadOnlyList<PopulationItem> population, SampleOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 1);
        if (population.Count == 0) throw new NothingToMeasureException("The population to sample from is empty.");

        var cumulative = new long[population.Count];
        long total = 0;
        for (var i = 0; i < population.Count; i++)
        {
            total += Math.Max(0, population[i].Views);
            cumulative[i] = total;
        }

        double[] boundaries = options.Design != SamplingDesign.ScoreStratified ? [double.NegativeInfinity, double.PositiveInfinity]
            : options.StratumQuantiles is { } quantiles ? QuantileBoundaries(population, quantiles)
            : EqualDeviationBoundaries(population, options.StrataCount);
        var members = Partition(population, boundaries);
        var strata = new Stratum[members.Length];
        for (var h = 0; h < members.Length; h++)
            strata[h] = Summarise(population, members[h], h, boundaries, 0, i => population[i].Score);

        int[] allocation = options.Design switch
        {
            SamplingDesign.ScoreStratified => NeymanAllocation(strata, options.Size, options.MinimumPerStratum),
            SamplingDesign.SimpleRandom => [Math.Min(options.Size, population.Count)],
            SamplingDesign.ViewsProportional when total == 0 =>
                throw new NothingToMeasureException("No post in the population has views: a views-proportional sample is undefined."),
            SamplingDesign.ViewsProportional => [options.Size],
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Design, "Unknown design."),
        };
        for (var h = 0; h < strata.Length; h++) strata[h] = strata[h] with { Sampled = allocation[h] };
        return new SamplingFrame(population, options, members, strata, cumulative, total);
    }

    /// <summary>
    /// The same draw seen through another score: the antisemitic probability for a sample stratified on the hateful one,
    /// or zeros for a category no model predicts (the estimator then reduces to the plain stratified one). Strata and
    /// items stay; the strata's score totals and the items' scores are recomputed, which is all the estimator reads.
    /// </summary>
    /// <param name="scores">One score per population item, in population order.</param>
    public MeasurementSample Rescore(MeasurementSample sample, IReadOnlyList<double> scores)
    {
        if (scores.Count != _population.Count)
            throw new ArgumentException($"{scores.Count} scores for {_population.Count} posts.", nameof(scores));
        var boundaries = new double[_strata.Length + 1];
        for (var h = 0; h < _strata.Length; h++) boundaries[h] = _strata[h].ScoreFrom;
        boundaries[^1] = double.PositiveInfinity;
        var strata = new Stratum[_strata.Length];
        for (var h = 0; h < strata.Length; h++)
            strata[h] = Summarise(_population, _members[h], h, boundaries, _strata[h].Sampled, i => scores[i]);

        var index = new Dictionary<string, int>(_population.Count, StringComparer.Ordinal);
        for (var i = 0; i < _population.Count; i++) index[_population[i].Id] = i;
        var items = new SampledItem[sample.Items.Count];
        for (var k = 0; k < items.Length; k++) items[k] = sample.Items[k] with { Score = scores[index[sample.Items[k].Id]] };
        return sample with { Strata = strata, Items = items };
    }

    public MeasurementSample Draw(long seed)
    {
        var random = new SeededRandom(seed);
        var items = _options.Design == SamplingDesign.ViewsProportional ? DrawViewsProportional(random) : DrawWithoutReplacement(random);
        return new MeasurementSample(_options.Design, seed, _population.Count, _totalViews, _strata, items);
    }

    private List<SampledItem> DrawWithoutReplacement(SeededRandom random)
    {
        var items = new List<SampledItem>(_options.Size);
        for (var h = 0; h < _strata.Length; h++)
        {
            var n = _strata[h].Sampled;
            if (n == 0) continue;
            var inclusion = (double)n / _members[h].Length;
            var chosen = PartialShuffle(_members[h], n, random);
            Array.Sort(chosen);
            foreach (var i in chosen)
            {
                var item = _population[i];
                items.Add(new SampledItem(item.Id, h, item.Score, item.Views, inclusion, 1));
            }
        }
        return items;
    }

    private List<SampledItem> DrawViewsProportional(SeededRandom random)
    {
        var draws = new SortedDictionary<int, int>();
        for (var k = 0; k < _options.Size; k++)
        {
            // A uniform view in [0, total): the post whose cumulative range holds it.
            var index = FirstAbove(_cumulativeViews, (long)(random.NextDouble() * _totalViews));
            draws[index] = draws.TryGetValue(index, out var count) ? count + 1 : 1;
        }
        var items = new List<SampledItem>(draws.Count);
        foreach (var (index, count) in draws)
        {
            var item = _population[index];
            items.Add(new SampledItem(item.Id, 0, item.Score, item.Views, (double)item.Views / _totalViews, count));
        }
        return items;
    }

    private static Stratum Summarise(IReadOnlyList<PopulationItem> population, int[] members, int h, double[] boundaries,
        int sampled, Func<int, double> scoreOf)
    {
        long views = 0;
        double scores = 0, viewScores = 0, residual = 0, viewResidual = 0;
        foreach (var i in members)
        {
            var item = population[i];
            var score = scoreOf(i);
            var bernoulli = score * (1 - score);
            views += item.Views;
            scores += score;
            viewScores += score * item.Views;
            residual += bernoulli;
            viewResidual += (double)item.Views * item.Views * bernoulli;
        }
        var count = Math.Max(1, members.Length);
        return new Stratum(h, boundaries[h], boundaries[h + 1], members.Length, views, sampled, scores, viewScores,
            residual / count, viewResidual / count);
    }

    /// <summary>Score cut points at the given quantiles, plus the ends; duplicates (ties in scores) collapse.</summary>
    private static double[] QuantileBoundaries(IReadOnlyList<PopulationItem> population, IReadOnlyList<double> quantiles)
    {
        var scores = SortedScores(population);
        var boundaries = new List<double> { double.NegativeInfinity };
        foreach (var q in quantiles)
        {
            var cut = scores[(int)Math.Min(scores.Length - 1, Math.Floor(q * scores.Length))];
            if (cut > boundaries[^1]) boundaries.Add(cut);
        }
        boundaries.Add(double.PositiveInfinity);
        return [.. boundaries];
    }

    /// <summary>
    /// Cut points that give each stratum an equal share of Σ√(s(1−s)). With the model-assisted estimator a post's
    /// residual variance is s(1−s) if the score is calibrated, so the best any design on this score can do is labels in
    /// proportion to √(s(1−s)) (Neyman with infinitely fine strata); equal shares make W_h·σ_h equal, the stratified
    /// counterpart of that optimum (Dalenius–Hodges' cumulative-√f rule, applied to the residual instead of the outcome).
    /// Ties stay in one stratum, so fewer strata may result; with no spread at all (every score 0 or 1) there is one.
    /// </summary>
    private static double[] EqualDeviationBoundaries(IReadOnlyList<PopulationItem> population, int strataCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(strataCount, 1);
        var scores = SortedScores(population);
        double total = 0;
        foreach (var score in scores) total += ResidualDeviation(score);
        var boundaries = new List<double>(strataCount + 1) { double.NegativeInfinity };
        double cumulative = 0;
        var next = 1;
        for (var i = 0; i < scores.Length && next < strataCount && total > 0; i++)
        {
            // Cut before the first score whose deviation would carry the running sum past the next share, so a stratum
            // never takes more than its share (except a single post that is itself larger than one).
            if (cumulative + ResidualDeviation(scores[i]) / 2 >= total * next / strataCount)
            {
                if (scores[i] > boundaries[^1]) boundaries.Add(scores[i]);
                while (next < strataCount && cumulative + ResidualDeviation(scores[i]) / 2 >= total * next / strataCount) next++;
            }
            cumulative += ResidualDeviation(scores[i]);
        }
        boundaries.Add(double.PositiveInfinity);
        return [.. boundaries];
    }

    /// <summary>√(s(1−s)) for a score clamped to [0, 1]: the residual standard deviation a calibrated score implies.</summary>
    private static double ResidualDeviation(double score)
    {
        var s = Math.Clamp(score, 0, 1);
        return Math.Sqrt(s * (1 - s));
    }

    private static double[] SortedScores(IReadOnlyList<PopulationItem> population)
    {
        var scores = new double[population.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = population[i].Score;
        Array.Sort(scores);
        return scores;
    }

    /// <summary>Stratum h holds scores in [boundaries[h], boundaries[h+1]).</summary>
    private static int[][] Partition(IReadOnlyList<PopulationItem> population, double[] boundaries)
    {
        var lists = new List<int>[boundaries.Length - 1];
        for (var h = 0; h < lists.Length; h++) lists[h] = [];
        for (var i = 0; i < population.Count; i++)
        {
            var h = lists.Length - 1;
            while (h > 0 && population[i].Score < boundaries[h]) h--;
            lists[h].Add(i);
        }
        var members = new int[lists.Length][];
        for (var h = 0; h < lists.Length; h++) members[h] = [.. lists[h]];
        return members;
    }

    /// <summary>
    /// n_h ∝ N_h·σ_h with σ_h = √(mean s(1−s)) over the stratum: the residual standard deviation the model-assisted
    /// estimator faces if the scores are calibrated (the outcome's own √(p̄(1−p̄)) overstates it wherever the scores vary
    /// within the stratum, and would over-sample the low strata). A stratum whose share falls below the floor is raised
    /// to it, one whose share exceeds its size is taken whole, and the others share what is left in the same proportion;
    /// largest-remainder rounding makes the total exactly n. When no stratum shows any spread (no scores), allocation is
    /// proportional to size.
    /// </summary>
    private static int[] NeymanAllocation(Stratum[] strata, int size, int floor)
    {
        var strataCount = strata.Length;
        var capacity = 0;
        foreach (var stratum in strata) capacity += stratum.Posts;
        size = Math.Min(size, capacity);
        floor = Math.Min(floor, size / strataCount);

        var weights = new double[strataCount];
        double spread = 0;
        for (var h = 0; h < strataCount; h++)
        {
            weights[h] = strata[h].Posts * Math.Sqrt(strata[h].ExpectedResidualVariance);
            spread += weights[h];
        }
        if (spread <= 0) for (var h = 0; h < strataCount; h++) weights[h] = strata[h].Posts;

        // Pin strata at the floor or at their size until every other stratum's share lies between the two.
        var shares = new double[strataCount];
        var pinned = new bool[strataCount];
        while (true)
        {
            double left = size, open = 0;
            for (var h = 0; h < strataCount; h++)
                if (pinned[h]) left -= shares[h]; else open += weights[h];
            var changed = false;
            for (var h = 0; h < strataCount; h++)
            {
                if (pinned[h]) continue;
                // Strata the scores call certain (zero weight) share equally in whatever the others leave.
                shares[h] = open > 0 ? left * weights[h] / open : left / Unpinned(pinned);
                var bound = Math.Min(floor, strata[h].Posts);
                if (shares[h] < bound || shares[h] > strata[h].Posts)
                {
                    shares[h] = Math.Clamp(shares[h], bound, strata[h].Posts);
                    pinned[h] = changed = true;
                }
            }
            if (!changed || Unpinned(pinned) == 0) break;
        }

        var allocation = new int[strataCount];
        var given = 0;
        for (var h = 0; h < strataCount; h++)
        {
            allocation[h] = (int)Math.Floor(shares[h]);
            given += allocation[h];
        }
        // Pinning the last open stratum at the floor can overshoot n: take the excess from the largest allocations.
        while (given > size)
        {
            var largest = 0;
            for (var h = 1; h < strataCount; h++) if (allocation[h] > allocation[largest]) largest = h;
            allocation[largest]--;
            given--;
        }
        // Largest remainder first; ties to the lower stratum, so the rounding is deterministic.
        while (given < size)
        {
            var best = -1;
            for (var h = 0; h < strataCount; h++)
                if (allocation[h] < strata[h].Posts && (best < 0 || shares[h] - allocation[h] > shares[best] - allocation[best])) best = h;
            allocation[best]++;
            given++;
        }
        return allocation;
    }

    private static int Unpinned(bool[] pinned)
    {
        var count = 0;
        foreach (var p in pinned) if (!p) count++;
        return count;
    }

    /// <summary>
    /// n distinct members uniformly at random: Floyd's algorithm when n is small against the stratum (no copy of a large
    /// stratum per draw), otherwise the first n positions of a Fisher–Yates shuffle of a copy.
    /// </summary>
    private static int[] PartialShuffle(int[] source, int n, SeededRandom random)
    {
        if (n * 8L < source.Length)
        {
            var picked = new HashSet<int>(n);
            for (var j = source.Length - n; j < source.Length; j++)
            {
                var t = random.Next(j + 1);
                if (!picked.Add(t)) picked.Add(j);
            }
            var chosen = new int[n];
            var k = 0;
            foreach (var position in picked) chosen[k++] = source[position];
            return chosen;
        }
        var pool = (int[])source.Clone();
        for (var k = 0; k < n; k++)
        {
            var j = k + random.Next(pool.Length - k);
            (pool[k], pool[j]) = (pool[j], pool[k]);
        }
        return pool[..n];
    }

    /// <summary>The first index whose cumulative count exceeds <paramref name="value"/>; skips posts without views.</summary>
    private static int FirstAbove(long[] cumulative, long value)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cumulative[mid] > value) high = mid; else low = mid + 1;
        }
        return low;
    }
}
