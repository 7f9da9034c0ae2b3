namespace Vigil.Bots;

/// <summary>Scores accounts with a <see cref="BotModel"/> and explains each score by its largest contributions.</summary>
public sealed class BotScorer(BotModel model, int topFeatures = 3)
{
    /// <summary>
    /// What an account's own declaration that it is automated adds to the log-odds: weak evidence (odds × e ≈ 2.7), not
    /// a verdict. Declared bots are honest automation (news feeds, weather, art bots) and undeclared bots never set the
    /// flag, so it moves a borderline score over the line but leaves the profile to speak; its absence adds nothing.
    /// </summary>
    public const double DeclaredBotLogOdds = 1.0;

    public BotModel Model { get; } = model;

    public BotScore Score(AccountProfile profile, PostingBehaviour? behaviour = null)
    {
        Span<double> features = stackalloc double[BotFeatures.Count];
        BotFeatures.Extract(profile, behaviour, features);
        var d = Model.Features.Count;
        Span<double> contributions = stackalloc double[d];
        var logit = Model.Bias;
        for (var slot = 0; slot < d; slot++)
        {
            contributions[slot] = Model.Weights[slot] * Model.Standardise(slot, features[(int)Model.Features[slot]]);
            logit += contributions[slot];
        }
        var top = Top(features, contributions);
        if (profile.DeclaredBot == true)
        {
            logit += DeclaredBotLogOdds;
            top = [new FeatureContribution(BotFeature.DeclaredBot, 1, DeclaredBotLogOdds), .. top];
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
            top.Add(new FeatureContribution(feature, features[(int)feature], contributions[best]));
        }
        return top;
    }
}
