using Vigil.Model;

namespace Vigil.Policy;

/// <summary>Where the author stands before this decision, as derived from the decision log.</summary>
public enum AuthorStanding
{
    Good,
    ReadOnly,
    Suspended,
}

/// <summary>
/// Everything the policy may look at for one post: the detector's assessment, what the amplifier stages found about
/// the author, the post's reach and the viewer's jurisdiction. Built by the pipeline host; the engine never reads the
/// post store itself, so it can run on any source of these records.
/// </summary>
public sealed record PolicyInput
{
    public required string PostId { get; init; }
    public required string AuthorId { get; init; }
    public required Assessment Assessment { get; init; }
    public DateTimeOffset PostedAt { get; init; }
    /// <summary>Views (or impressions) so far; the review queue weighs harm by it.</summary>
    public long Reach { get; init; }
    /// <summary>Probability that the author is automated, from the bot stage; 0 when unknown.</summary>
    public double BotScore { get; init; }
    /// <summary>Id of the coordinated cluster the author belongs to, or null.</summary>
    public string? ClusterId { get; init; }
    /// <summary>
    /// The viewer's jurisdiction (ISO 3166 alpha-2) when deciding for one audience; null decides for all, in which case
    /// "unlawful" means unlawful in any jurisdiction the policy lists and the decision's territorial scope lists them.
    /// </summary>
    public string? Jurisdiction { get; init; }
    /// <summary>Overrides the standing derived from the log, for hosts that keep standing elsewhere.</summary>
    public AuthorStanding? Standing { get; init; }
    /// <summary>Overrides the active strike count derived from the log.</summary>
    public int? ActiveStrikes { get; init; }

    /// <summary>The score rules compare with <c>min_score</c>: the larger of the hateful and antisemitic probabilities.</summary>
    public double Score => Math.Max(Assessment.PHateful, Assessment.PAntisemitic);
}
