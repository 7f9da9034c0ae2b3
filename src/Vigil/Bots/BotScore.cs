using System.Globalization;

namespace Vigil.Bots;

/// <summary>
/// One feature's push on the score: its raw value, a typical account's (<see cref="BotModel.References"/>; NaN when the
/// model has none or the evidence is fixed) and how far it moved the log-odds from where a typical account's value
/// would leave them (weight × the difference of the standardised values).
/// </summary>
public readonly record struct FeatureContribution(BotFeature Feature, double Value, double Contribution, double Typical = double.NaN)
{
    public override string ToString() =>
        FormattableString.Invariant($"{BotFeatures.NameOf(Feature)}={Value:0.##} ({Signed(Contribution)})");

    /// <summary>Two decimals with an explicit sign; rounding first, because .NET prints a negative that rounds to zero as "-+0.00".</summary>
    public static string Signed(double value) =>
        (Math.Round(value, 2) + 0.0).ToString("+0.00;-0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The feature in a moderator's words, with the way it pushed: "follows 2,300 accounts (towards bot)". Values are
    /// turned back from the model's logs and ratios into counts and shares.
    /// </summary>
    public string Describe() => Reason().ToString();

    /// <summary>
    /// The feature as a <see cref="BotReason"/>: the fact in words, the way it pushed, and a typical account's value in
    /// the same words when the model knows it and the words differ.
    /// </summary>
    public BotReason Reason()
    {
        var fact = Fact(Feature, Value);
        var typical = double.IsNaN(Typical) ? null : Fact(Feature, Typical);
        return new BotReason(fact, Contribution > 0, typical == fact ? null : typical);
    }

    private static string Fact(BotFeature feature, double v) =>
        feature switch
        {
            BotFeature.LogFollowing => $"follows {Counted(Math.Exp(v) - 1, "account")}",
            // Within a factor of 1.5 either way the ratio is "about even": "1 followers for every account" would be
            // printed for an account with no followers and no followings, which reads as if it had some.
            BotFeature.FollowerFollowingRatio => Math.Abs(v) < Math.Log(1.5)
                ? "about as many followers as accounts it follows"
                : v > 0
                    ? $"{Number(Math.Exp(v))} followers for every account it follows"
                    : $"one follower for every {Number(Math.Exp(-v))} accounts it follows",
            BotFeature.LogPosts => $"{Counted(Math.Exp(v) - 1, "post")} in all",
            BotFeature.LogAgeDays => $"account {Counted(Math.Exp(v) - 1, "day")} old",
            BotFeature.LogPostsPerDay => $"{Number(Math.Exp(v) - 1)} posts a day over its lifetime",
            // |ln(1 + rate) − ln(1 + typical)| above ln 2: more than about twice or under half a typical person's rate.
            BotFeature.PostingRateOddness => v > Math.Log(2) ? "posts far more or far less than a typical person" : "posts about as often as a typical person",
            BotFeature.HandleLength => $"handle {Counted(v, "character")} long",
            BotFeature.HandleDigits => v > 0 ? $"{Counted(v, "digit")} in the handle" : "no digits in the handle",
            BotFeature.HandleDigitRun => v > 1 ? $"a run of {Count(v)} digits in the handle" : "no run of digits in the handle",
            BotFeature.DisplayNameLength => v > 0 ? $"display name {Counted(v, "character")} long" : "no display name",
            BotFeature.NameIsHandle => v > 0 ? "display name is just the handle" : "display name differs from the handle",
            BotFeature.DescriptionLength => v > 0 ? $"profile description {Counted(v, "character")} long" : "no profile description",
            BotFeature.DescriptionHasLink => v > 0 ? "a link in the profile description" : "no link in the profile description",
            BotFeature.ListedPerFollowers => $"on {Number(Math.Exp(v) - 1)} lists per thousand followers",
            BotFeature.Verified => v > 0 ? "verified" : "not verified",
            BotFeature.PaidTier => v > 0 ? "paid verification" : "no paid verification",
            BotFeature.DefaultProfile => v > 0 ? "default profile layout" : "customised profile",
            BotFeature.DefaultProfileImage => v > 0 ? "default avatar" : "own avatar",
            BotFeature.ObservedPostsPerDay => $"{Number(Math.Exp(v) - 1)} posts a day in the data",
            BotFeature.GapVariation => v < 0.5 ? "posts at regular intervals" : "posts at irregular intervals",
            BotFeature.GapEntropy => v < 2 ? "posts at one cadence" : "posts at varied cadences",
            BotFeature.RepostShare => $"{Share(v)} of posts are reposts",
            BotFeature.ReplyShare => $"{Share(v)} of posts are replies",
            BotFeature.DuplicateTextShare => $"{Share(v)} of posts repeat an earlier text",
            BotFeature.HashtagDiversity => $"{Share(v)} of hashtag uses are different hashtags",
            BotFeature.LinkDiversity => $"{Share(v)} of links go to different sites",
            BotFeature.HourEntropy => v > 3.5 ? "posts around the clock" : "posts at some hours of the day only",
            BotFeature.BurstShare => $"{Share(v)} of posts within a minute of the one before",
            BotFeature.DeclaredBot => "declares itself a bot (its own profile flag)",
            BotFeature.CoActors => v > 0 ? $"acted in step with {Counted(Math.Exp(v) - 1, "other account")}" : "never acted in step with another account",
            BotFeature.ClusterMember => v > 0 ? "member of a coordinated cluster" : "in no coordinated cluster",
            _ => BotFeatures.NameOf(feature),
        };

    private static string Count(double value) => Math.Round(Math.Max(0, value)).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count with its noun, singular for one: "1 post", "2,300 accounts".</summary>
    private static string Counted(double value, string noun)
    {
        var count = Count(value);
        return count == "1" ? $"1 {noun}" : $"{count} {noun}s";
    }
    private static string Number(double value) => value.ToString(value < 10 ? "0.#" : "N0", CultureInfo.InvariantCulture);
    private static string Share(double value) => value.ToString("0%", CultureInfo.InvariantCulture);
}

/// <summary>A bot score with the features that drove it, strongest first.</summary>
public sealed record BotScore(string AccountId, double PBot, bool IsBot, IReadOnlyList<FeatureContribution> TopFeatures)
{
    /// <summary>The top features as one line of text: <c>a=1 (+0.50); b=2 (-0.20)</c>.</summary>
    public string TopFeaturesText => string.Join("; ", TopFeatures);

    /// <summary>The top features in words: <c>follows 2,300 accounts (towards bot); account 12 days old (towards bot)</c>.</summary>
    public string Why => BotReason.Join(Reasons);

    /// <summary>The top features as reasons a moderator reads, strongest first.</summary>
    public IReadOnlyList<BotReason> Reasons => TopFeatures.Select(f => f.Reason()).ToArray();
}
