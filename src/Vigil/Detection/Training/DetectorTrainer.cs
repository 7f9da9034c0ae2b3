using Vigil.Model;
using System.Diagnostics;

namespace Vigil.Detection.Training;

/// <summary>Knobs of <see cref="DetectorTrainer"/>; the defaults are what the shipped model was trained with.</summary>
public sealed record TrainOptions
{
    public int Seed { get; init; } = 1;
    public int HashBits { get; init; } = 18;
    public int Epochs { get; init; } = 8;
    public float LearningRate { get; init; } = 0.3f;
    public float L2 { get; init; } = 1e-6f;
    public bool Augment { get; init; } = true;
    /// <summary>How many models, each trained in its own seeded row order, are averaged into the shipped one.</summary>
    public int Members { get; init; } = 5;
    /// <summary>
    /// The version of the encoder whose probabilities the corpus carries as soft targets (<see cref="Distillation"/>),
    /// or null. It is part of the model version, so an assessment says which teacher shaped the weights.
    /// </summary>
    public string? Teacher { get; init; }
}

/// <summary>What training measured on the dev splits while calibrating; printed by <c>vigil train</c>.</summary>
public sealed record TrainReport(int Rows, TimeSpan Elapsed, IReadOnlyList<string> Notes);

/// <summary>
/// Trains every head of the detector with AdaGrad on hashed features, one head at a time over the rows that carry its
/// label, then calibrates each on dev splits. Single-threaded updates in a seeded order: the same seed and data give
/// byte-identical weights.
/// </summary>
public static class DetectorTrainer
{
    /// <summary>
    /// A head and what it learns from a row: for a logistic head the probability of the positive class (a hard label
    /// or a teacher's soft one), for a softmax head the class index; NaN where the row says nothing about the head.
    /// </summary>
    private readonly record struct Head(int Column, int Classes, Func<LabeledText, float> Target, string Name);

    private static readonly Head[] Heads =
    [
        new(DetectorModel.Antisemitic, 1, r => Known(r.Antisemitic, r.SoftAntisemitic), "antisemitic"),
        new(DetectorModel.Hateful, 1, r => Known(r.Hateful, r.SoftHateful), "hateful"),
        new(DetectorModel.Hx3, 3, r => Known(r.Hx3, null), "hatexplain-3"),
        new(DetectorModel.TargetHead, 3, r => Known(r.Target, null), "target"),
    ];

    private static float Known(int label, float? soft) => label != LabeledText.Unknown ? label : soft ?? float.NaN;

    /// <summary>The version a model trained with these options carries: the feature version, the seed and the teacher.</summary>
    public static string ModelVersion(TrainOptions options) =>
        $"vigil-detect-v{FeatureExtractor.FeatureVersion}-s{options.Seed}" + (options.Teacher is { } teacher ? $"-kd-{teacher}" : "");

    /// <summary>Trains a model and writes it to <paramref name="output"/>; the host's way in (<c>vigil train</c>), which
    /// keeps the model's weight table inside the engine.</summary>
    public static TrainReport TrainTo(Stream output, IReadOnlyList<LabeledText> corpus, TrainOptions options)
    {
        var (model, report) = Train(corpus, options, ModelVersion(options));
        model.Save(output);
        return report;
    }

    internal static (DetectorModel Model, TrainReport Report) Train(IReadOnlyList<LabeledText> corpus, TrainOptions options, string version)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<LabeledText>(corpus);
        if (options.Augment) rows.AddRange(Augmentation.Rows(options.Seed));
        var mask = (1 << options.HashBits) - 1;
        var features = Featurize(rows, mask);

        var notes = new List<string>();
        var examplesPerHead = new List<int>[Heads.Length];
        for (var h = 0; h < Heads.Length; h++)
        {
            examplesPerHead[h] = [];
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Split == DataSplit.Train && !rows[i].EvaluationOnly && !float.IsNaN(Heads[h].Target(rows[i]))) examplesPerHead[h].Add(i);
            }
            notes.Add($"{Heads[h].Name}: trained on {examplesPerHead[h].Count} rows");
        }
        // Several members, each trained in its own seeded row order, averaged: a linear model's weights average to
        // the average of its logits, which smooths out how much one order of a small data set (ISCA) decides.
        var memberWeights = new float[options.Members][];
        var memberBias = new float[options.Members][];
        Parallel.For(0, options.Members, member =>
        {
            memberWeights[member] = new float[(mask + 1) * DetectorModel.Outputs];
            memberBias[member] = new float[DetectorModel.Outputs];
            for (var h = 0; h < Heads.Length; h++)
                TrainHead(Heads[h], examplesPerHead[h], rows, features, memberWeights[member], memberBias[member], options, options.Seed + member * 104729);
        });
        var weights = memberWeights[0];
        var bias = memberBias[0];
        for (var member = 1; member < options.Members; member++)
        {
            for (var i = 0; i < weights.Length; i++) weights[i] += memberWeights[member][i];
            for (var i = 0; i < bias.Length; i++) bias[i] += memberBias[member][i];
        }
        for (var i = 0; i < weights.Length; i++) weights[i] /= options.Members;
        for (var i = 0; i < bias.Length; i++) bias[i] /= options.Members;

        // Calibrate on the weights as they will be stored (half precision), so the file reproduces these numbers.
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)(Half)weights[i];
        var raw = RawScores(features, weights, bias);
        var calibration = Calibrate(rows, raw, notes);
        var model = new DetectorModel(version, options.HashBits, weights, bias, calibration);
        return (model, new TrainReport(rows.Count, clock.Elapsed, notes));
    }

    private static int[][] Featurize(List<LabeledText> rows, int mask)
    {
        var features = new int[rows.Count][];
        Parallel.For(0, rows.Count, () => (Text: new TextWorkspace(), Buckets: new List<int>(512)), (i, _, local) =>
        {
            local.Text.Load(rows[i].Text);
            local.Buckets.Clear();
            var sink = new CollectSink(local.Buckets);
            FeatureExtractor.Extract(local.Text, mask, ref sink);
            features[i] = local.Buckets.ToArray();
            return local;
        }, _ => { });
        return features;
    }

    private static void TrainHead(Head head, List<int> examples, List<LabeledText> rows, int[][] features,
        float[] weights, float[] bias, TrainOptions options, int seed)
    {
        const int stride = DetectorModel.Outputs;
        var gradSquares = new float[weights.Length / stride * head.Classes];
        var random = new SeededRandom(seed).Fork((ulong)head.Column);
        var order = examples.ToArray();
        Span<float> logits = stackalloc float[head.Classes];
        Span<float> gradient = stackalloc float[head.Classes];
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var buckets = features[index];
                if (buckets.Length == 0) continue;
                var scale = 1f / MathF.Sqrt(buckets.Length);
                for (var k = 0; k < head.Classes; k++)
                {
                    var sum = 0f;
                    foreach (var b in buckets) sum += weights[b * stride + head.Column + k];
                    logits[k] = sum * scale + bias[head.Column + k];
                }
                var target = head.Target(rows[index]);
                if (head.Classes == 1)
                {
                    gradient[0] = Sigmoid(logits[0]) - target;
                }
                else
                {
                    var max = float.NegativeInfinity;
                    for (var k = 0; k < head.Classes; k++) max = MathF.Max(max, logits[k]);
                    var total = 0f;
                    for (var k = 0; k < head.Classes; k++) total += gradient[k] = MathF.Exp(logits[k] - max);
                    for (var k = 0; k < head.Classes; k++) gradient[k] = gradient[k] / total - (k == (int)target ? 1 : 0);
                }
                step++;
                var biasRate = options.LearningRate / MathF.Sqrt(1 + step * 0.01f);
                for (var k = 0; k < head.Classes; k++)
                {
                    var g = gradient[k];
                    bias[head.Column + k] -= biasRate * g;
                    foreach (var b in buckets)
                    {
                        var w = b * stride + head.Column + k;
                        var grad = g * scale + options.L2 * weights[w];
                        var acc = gradSquares[b * head.Classes + k] += grad * grad;
                        weights[w] -= options.LearningRate * grad / (MathF.Sqrt(acc) + 1e-6f);
                    }
                }
            }
        }
    }

    private static float[][] RawScores(int[][] features, float[] weights, float[] bias)
    {
        const int stride = DetectorModel.Outputs;
        var raw = new float[features.Length][];
        Parallel.For(0, features.Length, i =>
        {
            var scores = new float[stride];
            var buckets = features[i];
            var scale = buckets.Length == 0 ? 0f : 1f / MathF.Sqrt(buckets.Length);
            foreach (var b in buckets)
            {
                for (var k = 0; k < stride; k++) scores[k] += weights[b * stride + k];
            }
            for (var k = 0; k < stride; k++) scores[k] = scores[k] * scale + bias[k];
            raw[i] = scores;
        });
        return raw;
    }

    private static Calibration Calibrate(List<LabeledText> rows, float[][] raw, List<string> notes)
    {
        var asScores = new List<float>();
        var asLabels = new List<int>();
        var hateScores = new List<float>();
        var hateLabels = new List<int>();
        var hx3 = new List<(float[] Raw, int Label)>();
        var target = new List<(float[] Raw, int Label)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Split != DataSplit.Dev || row.EvaluationOnly) continue;
            // The antisemitism head is calibrated and thresholded on ISCA alone: the expert IHRA labels are the ones
            // its probability is meant to speak for.
            if (row.Source == TrainingCorpus.Isca) { asScores.Add(raw[i][DetectorModel.Antisemitic]); asLabels.Add(row.Antisemitic); }
            if (row.Hateful != LabeledText.Unknown) { hateScores.Add(raw[i][DetectorModel.Hateful]); hateLabels.Add(row.Hateful); }
            if (row.Source == TrainingCorpus.HateXplain) hx3.Add((raw[i], row.Hx3));
            if (row.Target != LabeledText.Unknown) target.Add((raw[i], row.Target));
        }
        var (asScale, asShift) = Calibrator.FitPlatt(asScores, asLabels);
        var asThreshold = Calibrator.BestThreshold(asScores, asLabels, asScale, asShift, out var asF1);
        var (hateScale, hateShift) = Calibrator.FitPlatt(hateScores, hateLabels);
        var hateThreshold = Calibrator.BestThreshold(hateScores, hateLabels, hateScale, hateShift, out var hateF1);
        var hx3Temperature = Calibrator.FitTemperature(hx3, DetectorModel.Hx3);
        var targetTemperature = Calibrator.FitTemperature(target, DetectorModel.TargetHead);
        notes.Add($"antisemitic: Platt ({asScale:F3}, {asShift:F3}), threshold {asThreshold:F3}, ISCA dev macro-F1 {asF1:F3}");
        notes.Add($"hateful: Platt ({hateScale:F3}, {hateShift:F3}), threshold {hateThreshold:F3}, pooled dev macro-F1 {hateF1:F3}");
        notes.Add($"hatexplain-3: temperature {hx3Temperature:F2}; target: temperature {targetTemperature:F2}");
        return new Calibration(asScale, asShift, asThreshold, hateScale, hateShift, hateThreshold, hx3Temperature, targetTemperature);
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private readonly struct CollectSink(List<int> buckets) : IFeatureSink
    {
        public void Add(int bucket, int token) => buckets.Add(bucket);
    }
}
