using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Bots;

/// <summary>
/// A logistic-regression bot model over a subset of <see cref="BotFeature"/>. Features are standardised with the
/// training means and scales; a missing feature (NaN) sits at the training mean, so it adds nothing to the score rather
/// than pretending to a value. Standardised values are clipped so that one wild count from an unseen platform cannot
/// swamp every other feature.
/// </summary>
public sealed record BotModel
{
    public const double ClipStandardised = 4;

    public required string Version { get; init; }
    public required IReadOnlyList<BotFeature> Features { get; init; }
    public required IReadOnlyList<double> Means { get; init; }
    public required IReadOnlyList<double> Scales { get; init; }
    public required IReadOnlyList<double> Weights { get; init; }
    public required double Bias { get; init; }
    /// <summary>
    /// A typical account's value of each feature (the weighted median of the training humans): what explanations compare
    /// an account with. Null for a model without them (then explanations measure from the training means, and name no
    /// typical value). The training mean is no reference for a moderator: in a set of bought followers it sits between
    /// the bots and the people, so an account far more follow-heavy than any person would read "towards person".
    /// </summary>
    public IReadOnlyList<double>? References { get; init; }
    /// <summary>Probability at or above which an account is called a bot; chosen on training data only.</summary>
    public required double Threshold { get; init; }
    /// <summary>Data sets and row counts the model was trained on, for the model card and for traceability.</summary>
    public IReadOnlyList<string> TrainedOn { get; init; } = [];
    /// <summary>How the probabilities were calibrated and the threshold chosen, for the model card; empty when they were not.</summary>
    public string Calibration { get; init; } = "";
    // Evaluation experiments (`vigil bots eval --relative`, `--prior-shift`), measured and rejected (models/bots/README.md,
    // "What did not generalise"): they live only in the model a fold trains, are never saved, and the scorer ignores them.

    /// <summary>The features were read relative to each set's own population (<see cref="PopulationScale"/>).</summary>
    internal bool RelativeToPopulation { get; init; }
    /// <summary>The bot share the calibrated probabilities assume (that of the held-out sets they were calibrated on).</summary>
    internal double CalibrationPrior { get; init; } = 0.5;
    /// <summary>Probabilities are adjusted to the scored set's estimated bot share before the threshold (<see cref="PriorShift"/>).</summary>
    internal bool AdjustsToPrior { get; init; }

    /// <summary>Standardised (and clipped) value of feature slot <paramref name="slot"/>; 0 when the raw value is missing.</summary>
    internal double Standardise(int slot, double raw)
    {
        if (double.IsNaN(raw)) return 0;
        return Math.Clamp((raw - Means[slot]) / Scales[slot], -ClipStandardised, ClipStandardised);
    }

    /// <summary>The standardised typical value of feature slot <paramref name="slot"/>; 0 (the mean) without references.</summary>
    internal double StandardisedReference(int slot) => References is null ? 0 : Standardise(slot, References[slot]);

    public void Save(Stream stream) => JsonSerializer.Serialize(stream, ToFile(), FileOptions);

    public static BotModel Load(Stream stream, string source)
    {
        ModelFile file;
        try
        {
            file = JsonSerializer.Deserialize<ModelFile>(stream, FileOptions)
                   ?? throw new FormatException($"{source}: empty model file");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not a bot model file ({e.Message})", e);
        }
        var d = file.Features.Count;
        if (file.Means.Count != d || file.Scales.Count != d || file.Weights.Count != d || file.References.Count is not 0 && file.References.Count != d)
            throw new FormatException($"{source}: features, means, scales, weights and references (when given) must have the same length");
        if (file.Scales.Any(scale => !(scale > 0) || !double.IsFinite(scale)))
            throw new FormatException($"{source}: every scale must be a positive number");
        if (!(file.Threshold is > 0 and < 1))
            throw new FormatException($"{source}: threshold must lie between 0 and 1");
        var features = new BotFeature[d];
        for (var i = 0; i < d; i++)
            if (!BotFeatures.TryParse(file.Features[i], out features[i]))
                throw new FormatException($"{source}: unknown feature '{file.Features[i]}'");
        return new BotModel
        {
            Version = file.Version, Features = features, Means = file.Means, Scales = file.Scales, Weights = file.Weights,
            Bias = file.Bias, Threshold = file.Threshold, TrainedOn = file.TrainedOn, Calibration = file.Calibration,
            References = file.References.Count == 0 ? null : file.References,
        };
    }

    /// <summary>
    /// The shipped research model (models/bots/README.md), embedded in the library so that scoring works without the
    /// data sets: the default for <c>analyze</c>, the demo and every <c>bots</c> command.
    /// </summary>
    public static BotModel Default => DefaultModel.Value;

    /// <summary>
    /// Profile + behaviour model trained on a simulated platform (models/bots/README.md): a comparison only, showing how
    /// far a model that has seen the simulator's bots gets; never a default.
    /// </summary>
    public static BotModel SimulationCalibrated => SimulationModel.Value;

    private static readonly Lazy<BotModel> DefaultModel = new(() => LoadEmbedded("Vigil.Bots.bots-research.json"));
    private static readonly Lazy<BotModel> SimulationModel = new(() => LoadEmbedded("Vigil.Bots.bots-sim-behaviour.json"));

    private static BotModel LoadEmbedded(string name)
    {
        using var stream = typeof(BotModel).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        return Load(stream, name);
    }

    private ModelFile ToFile() => new()
    {
        Version = Version, Features = Features.Select(BotFeatures.NameOf).ToList(), Means = Means.ToList(),
        Scales = Scales.ToList(), References = References?.ToList() ?? [], Weights = Weights.ToList(), Bias = Bias, Threshold = Threshold, TrainedOn = TrainedOn.ToList(), Calibration = Calibration,
    };

    private static readonly JsonSerializerOptions FileOptions = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
    };

    private sealed class ModelFile
    {
        public string Version { get; set; } = "";
        public List<string> Features { get; set; } = [];
        public List<double> Means { get; set; } = [];
        public List<double> Scales { get; set; } = [];
        public List<double> References { get; set; } = [];
        public List<double> Weights { get; set; } = [];
        public double Bias { get; set; }
        public double Threshold { get; set; }
        public List<string> TrainedOn { get; set; } = [];
        public string Calibration { get; set; } = "";
    }
}
