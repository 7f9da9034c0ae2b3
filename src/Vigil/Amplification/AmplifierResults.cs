using System.Security.Cryptography;
using System.Text;

namespace Vigil.Amplification;

/// <summary>
/// Names what produced one set of amplifier results: the detector model (it decides each post's category), the bot
/// model (it decides who counts as a bot) and the coordination settings (they decide the clusters). Results are stored
/// under <see cref="Id"/>: saving again under an equal key replaces that run, and runs under any other key are kept.
/// </summary>
public sealed record AnalysisKey(string DetectorVersion, string BotModelVersion, string Settings)
{
    /// <summary>
    /// 16 lowercase hex digits: the first 8 bytes of SHA-256 over the three parts, each ended by U+0000. Every stored row
    /// carries it, so it is kept short; the store's run table keeps the three parts readable beside it.
    /// </summary>
    public string Id
    {
        get
        {
            var text = $"{DetectorVersion}\0{BotModelVersion}\0{Settings}\0";
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
    }
}

/// <summary>
/// What the amplifier stages concluded in one analysis run. Reach rows are the attribution engine's own records;
/// bot scores and clusters are flattened to what a table row can hold.
/// </summary>
/// <param name="Key">The versions and settings that produced them.</param>
/// <param name="BotScores">One per account, for <see cref="AnalysisKey.BotModelVersion"/>; read back by account id.</param>
/// <param name="Clusters">Coordinated clusters; read back by id.</param>
/// <param name="Posts">Reach of each original post reposted at least once and how much of it amplifiers carried; read back
/// by post id. A post nobody reposted has no row: its reach is its own views, all of it its author's
/// (<see cref="AmplificationReport.Reposted"/>).</param>
/// <param name="Weeks">The figures summed over every original post per week and category; read back by week, then category
/// (ordinal).</param>
public sealed record AmplifierResults(
    AnalysisKey Key,
    IReadOnlyList<StoredBotScore> BotScores,
    IReadOnlyList<StoredCluster> Clusters,
    IReadOnlyList<PostAmplification> Posts,
    IReadOnlyList<WeeklyAmplification> Weeks);

/// <summary>A bot score; <paramref name="TopFeatures"/> is the scorer's explanation in words (<c>follows 2,300 accounts (towards bot, a typical account: follows 210 accounts); …</c>).</summary>
public sealed record StoredBotScore(string AccountId, double PBot, bool IsBot, string TopFeatures);

/// <summary>
/// One account as an analysis run saw it: its bot score (null when the run did not score it) and the id of the cluster it
/// was placed in (null when none).
/// </summary>
public sealed record AccountAnalysis(AnalysisKey Run, StoredBotScore? BotScore, int? ClusterId);

/// <summary>One kind of co-action inside a cluster (<c>co-retweet</c>, ...): its summed mutual weight over how many linked pairs.</summary>
public sealed record StoredCoAction(string Kind, long Weight, int Pairs);

/// <summary>
/// A coordinated cluster: its members (account ids, ordinal order), the kinds of co-action that bind it, and its strength.
/// <paramref name="FirstCoAction"/> and <paramref name="LastCoAction"/> are Unix seconds.
/// </summary>
public sealed record StoredCluster(
    int Id,
    IReadOnlyList<string> MemberIds,
    IReadOnlyList<StoredCoAction> Kinds,
    long TotalWeight,
    double MeanWeight,
    double Density,
    double FirstCoAction,
    double LastCoAction);
