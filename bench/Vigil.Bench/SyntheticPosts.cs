using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Bench;

/// <summary>
/// A deterministic Vigil JSONL file of the shape ingest sees in practice: one account per 20 posts, short texts with
/// the odd hashtag, mention and link, 15% reposts. The real simulator lives in src/Vigil/Simulation; this only has to
/// be cheap and reproducible (same seed, same bytes).
/// </summary>
internal static class SyntheticPosts
{
    private static readonly string[] Words =
    [
        "the", "news", "today", "people", "think", "vote", "city", "again", "why", "never", "always", "market", "game",
        "weather", "tonight", "really", "story", "read", "this", "thread", "good", "bad", "council", "rain", "coffee",
    ];

    public static void Write(string path, int posts, int seed)
    {
        var random = new SeededRandom(seed);
        var accounts = Math.Max(1, posts / 20);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new VigilJsonl.Writer(stream);
        for (var a = 0; a < accounts; a++)
        {
            writer.Write(new Account
            {
                Id = $"acc{a}", Handle = $"user_{a}", DisplayName = $"User {a}", CreatedAt = start.AddDays(-random.Next(1, 4000)),
                Followers = random.Next(0, 100_000), Following = random.Next(0, 5_000), PostCount = random.Next(0, 50_000),
                Description = "synthetic account",
            });
        }

        var text = new System.Text.StringBuilder(200);
        for (var p = 0; p < posts; p++)
        {
            var isRepost = p > 0 && random.NextDouble() < 0.15;
            text.Clear();
            if (!isRepost)
            {
                var words = random.Next(8, 30);
                for (var w = 0; w < words; w++) text.Append(w == 0 ? "" : " ").Append(Words[random.Next(Words.Length)]);
            }
            var hasTag = !isRepost && random.NextDouble() < 0.3;
            var hasMention = !isRepost && random.NextDouble() < 0.2;
            writer.Write(new Post
            {
                Id = $"post{p:D9}",
                AuthorId = $"acc{random.Next(accounts)}",
                CreatedAt = start.AddMilliseconds(p * 250L),
                Text = text.ToString(),
                Language = "en",
                RepostOfId = isRepost ? $"post{random.Next(p):D9}" : null,
                Hashtags = hasTag ? [Words[random.Next(Words.Length)]] : [],
                Mentions = hasMention ? [$"user_{random.Next(accounts)}"] : [],
                Views = random.Next(0, 10_000),
            });
        }
    }
}
