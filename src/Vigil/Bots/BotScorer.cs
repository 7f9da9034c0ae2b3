namespace Vigil.Bots;

/// <summary>
/// Scores accounts with a <see cref="BotModel"/> and explains each score by the features that set it furthest from a
/// typical account's (<see cref="BotModel.References"/>): each named push is weight × (standardised value − standardised
/// typical value), so together they make up how far the account's log-odds sit from a typical account's.
/// </summary>
public sealed class BotScorer(BotModel model, int topFeatures = 3)
{
    /// <summary>
    /// What an account's own declaration that it is automated adds to the log-odds: weak evidence (odds × e ≈ 2.7), not
    /// a verdict. Declared bots are honest automation (news feeds, weather, art bots) and undeclared bots never set the
    /// flag, so it moves a borderline score over the line but leaves the profile to speak; its absence adds nothing.
    /// </summary>
    public const double DeclaredBotLogOdds = 1.0;

    /// <summary>
    /// What membership of a coordinated cluster adds to the log-odds when the model has no weight of its own for it: weak
    /// evidence (odds × e ≈ 2.7), like <see cref="DeclaredBotLogOdds"/>. No research set has posts to find clusters in,
    /// so training cannot weigh it; people who campaign together form clusters too, so it tips a borderline profile
    /// rather than making a bot of anyone in a cluster.
    /// </summary>
    public const double ClusterMemberLogOdds = 1.0;

    /// <summary>Evidence no research set carries, added at a fixed weight when present and the model does not weigh it.</summary>
    private static readonly (BotFeature Feature, double LogOdds)[] FixedEvidence =
        [(BotFeature.DeclaredBot, DeclaredBotLogOdds), (BotFeature.ClusterMember, ClusterMemberLogOdds)];

    internal BotModel Model { get; } = model;

    /// <summary>The fixed evidence present in <paramref name="features"/> that <paramref name="model"/> does not weigh itself.</summary>
    internal static double FixedEvidenceLogOdds(BotModel model, ReadOnlySpan<double> features)
    {
        double sum = 0;
        foreach (var (feature, logOdds) in FixedEvidence)
            if (Adds(model, features, feature)) sum += logOdds;
        return sum;
    }

    /// <summary>A flag whose meaning is absolute (the scorer reads it as 0 or 1 and adds a fixed weight), not a measurement.</summary>
    internal static bool IsFixedEvidence(BotFeature feature) => Array.Exists(FixedEvidence, e => e.Feature == feature);

    private static bool Adds(BotModel model, ReadOnlySpan<double> features, BotFeature feature) =>
        features[(int)feature] == 1 && !model.Features.Contains(feature);

    /// <param name="coordination">What the coordination stage found; null when it did not run.</param>
    public BotScore Score(AccountProfile profile, PostingBehaviour? behaviour = null, CoordinationSignal? coordination = null)
    {
        Span<double> features = stackalloc double[BotFeatures.Count];
        BotFeatures.Extract(profile, behaviour, coordination, features);
        var d = Model.Features.Count;
        Span<double> contributions = stackalloc double[d];
        var logit = Model.Bias;
        for (var slot = 0; slot < d; slot++)
        {
            var raw = features[(int)Model.Features[slot]];
            var weighed = Model.Weights[slot] * Model.Standardise(slot, raw);
            logit += weighed;
            // The push an explanation names is measured from a typical account, not from the training mean; a missing
            // value adds nothing to the score, so it names nothing either.
            contributions[slot] = double.IsNaN(raw) ? 0 : weighed - Model.Weights[slot] * Model.StandardisedReference(slot);
        }
        var top = Top(features, contributions);
        // Fixed evidence is named first: it is what a moderator checks first (the account's own flag, the cluster).
        for (var e = FixedEvidence.Length - 1; e >= 0; e--)
        {
            var (feature, logOdds) = FixedEvidence[e];
            if (!Adds(Model, features, feature)) continue;
            logit += logOdds;
            top = [new FeatureContribution(feature, 1, logOdds), .. top];
        }
        var p = Sigmoid(logit);
        return new BotScore(profile.Id, p, p >= Model.Threshold, top);
    }

    /// <summary>Log-odds to probability without overflow for large negative inputs.</summary>
    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private List<FeatureContribution> Top(ReadOnlySpan<double> features, ReadOnlySpan<double> contributions)
    {
        // Partial selection: k is tiny, so k passes over d slots beat sorting.
        var k = Math.Min(topFeatures, contributions.Length);
        var top = new List<FeatureContribution>(k);
        Span<bool> taken = stackalloc bool[contributions.Length];
        for (var pick = 0; pick < k; pick++)
        {
            var best = -1;
            for (var slot = 0; slot < contributions.Length; slot++)
                if (!taken[slot] && contributions[slot] != 0 &&
                    (best < 0 || Math.Abs(contributions[slot]) > Math.Abs(contributions[best])))
                    best = slot;
            if (best < 0) break;
            taken[best] = true;
            var feature = Model.Features[best];
            top.Add(new FeatureContribution(feature, features[(int)feature], contributions[best], Model.References?[best] ?? double.NaN));
        }
        return top;
    }
}
