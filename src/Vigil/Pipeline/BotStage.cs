using Vigil.Bots;
using Vigil.Model;

namespace Vigil.Pipeline;

/// <summary>
/// Scores every account from its profile and, where it posted, its behaviour in the ingested posts. Ages are measured
/// to the observation time by the rule every command shares (<see cref="ObservationTime"/>): the given time, else the
/// newest post, so the same data scores the same whenever it is re-run.
/// </summary>
public static class BotStage
{
    public static IReadOnlyDictionary<string, BotScore> Run(IReadOnlyList<Account> accounts, IReadOnlyList<Post> posts, BotModel model,
        DateTimeOffset? asOf, TimeProvider time)
    {
        var observed = ObservationTime.Resolve(asOf, posts, time).At;
        var behaviour = PostingBehaviour.ByAuthor(posts);
        var scorer = new BotScorer(model);
        var scores = new Dictionary<string, BotScore>(accounts.Count, StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            var profile = AccountProfile.FromAccount(account, observed);
            scores[account.Id] = scorer.Score(profile, behaviour.GetValueOrDefault(account.Id));
        }
        return scores;
    }
}
