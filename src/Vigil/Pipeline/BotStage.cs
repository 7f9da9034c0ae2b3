using Vigil.Bots;
using Vigil.Model;

namespace Vigil.Pipeline;

/// <summary>
/// Scores every account from its profile and, where it posted, its behaviour in the ingested posts. Counts in a profile
/// are as of the export, so account age is taken at the last post seen, not at today's date: the same data scores the
/// same whenever it is re-run.
/// </summary>
public static class BotStage
{
    public static IReadOnlyDictionary<string, BotScore> Run(IReadOnlyList<Account> accounts, IReadOnlyList<Post> posts, BotModel model)
    {
        var countsTakenAt = DateTimeOffset.MinValue;
        foreach (var post in posts) if (post.CreatedAt > countsTakenAt) countsTakenAt = post.CreatedAt;
        var behaviour = PostingBehaviour.ByAuthor(posts);
        var scorer = new BotScorer(model);
        var scores = new Dictionary<string, BotScore>(accounts.Count, StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            var profile = AccountProfile.FromAccount(account, countsTakenAt);
            scores[account.Id] = scorer.Score(profile, behaviour.GetValueOrDefault(account.Id));
        }
        return scores;
    }
}
