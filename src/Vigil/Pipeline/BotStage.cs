using Vigil.Bots;
using Vigil.Model;

namespace Vigil.Pipeline;

/// <summary>
/// Scores every account from its profile and, where it posted, its behaviour in the ingested posts. Ages are measured
/// to the observation time by the rule every command shares (<see cref="ObservationTime"/>): the given time, else the
/// newest post, so the same data scores the same whenever it is re-run. It runs after the coordination stage, whose
/// findings (co-actors, cluster membership) are part of the score.
/// </summary>
internal static class BotStage
{
    /// <param name="behaviourOf">The account's posting behaviour, or null when it has no posts.</param>
    /// <param name="newestPost">The newest post's creation time; null when there are none.</param>
    /// <param name="coordination">What the coordination stage found, by account id; an account it does not name acted alone.</param>
    public static IReadOnlyDictionary<string, BotScore> Run(IReadOnlyList<Account> accounts, Func<string, PostingBehaviour?> behaviourOf,
        DateTimeOffset? newestPost, IReadOnlyDictionary<string, CoordinationSignal> coordination, BotModel model, DateTimeOffset? asOf,
        TimeProvider time)
    {
        var observed = ObservationTime.Resolve(asOf, newestPost, time).At;
        var scorer = new BotScorer(model);
        var scores = new Dictionary<string, BotScore>(accounts.Count, StringComparer.Ordinal);
        foreach (var account in accounts)
            scores[account.Id] = scorer.Score(AccountProfile.FromAccount(account, observed), behaviourOf(account.Id),
                coordination.GetValueOrDefault(account.Id, CoordinationSignal.Alone));
        return scores;
    }
}
