using Vigil.Amplification;
using System.Diagnostics;
using Vigil.Model;
using Vigil.Storage;
using Vigil.Storage.Sqlite;
using static Vigil.Bench.BenchArgs;

namespace Vigil.Bench;

/// <summary>
/// <c>amplifier-store --posts N</c>: saves one run of synthetic amplifier results (N posts, N/50 accounts, 20 clusters of
/// 25, 52 weeks × 3 categories) into a fresh SQLite file, saves it again (the replace path a re-run takes), and reads
/// it back, timing each.
/// </summary>
internal static class AmplifierStoreBenchmark
{
    private static readonly PostCategory[] Categories = [PostCategory.Antisemitic, PostCategory.OtherHate, PostCategory.Other];

    public static async Task<int> RunAsync(string[] args)
    {
        var posts = Option(args, "--posts", 1_000_000);
        var seed = Option(args, "--seed", 42);
        var folder = OptionText(args, "--folder") ?? Path.Combine(Path.GetTempPath(), "vigil-bench");
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, $"amplifier-{posts}.db");
        foreach (var stale in (string[])[database, database + "-wal", database + "-shm"]) File.Delete(stale);
        var results = Synthetic(posts, seed);

        await using var store = new SqliteStore(database);
        await store.MigrateAsync();
        var save = Stopwatch.StartNew();
        await store.SaveAmplifierResultsAsync(results);
        save.Stop();
        var replace = Stopwatch.StartNew();
        await store.SaveAmplifierResultsAsync(results);
        replace.Stop();
        var read = Stopwatch.StartNew();
        var back = await store.ReadAmplifierResultsAsync(results.Key);
        read.Stop();

        var rows = results.BotScores.Count + results.Posts.Count + results.Weeks.Count + results.Clusters.Sum(c => 1 + c.MemberIds.Count);
        Console.WriteLine($"results      {results.Posts.Count:N0} posts, {results.BotScores.Count:N0} bot scores, " +
                          $"{results.Clusters.Count} clusters, {results.Weeks.Count} weeks ({rows:N0} rows)");
        Console.WriteLine($"save         {save.Elapsed.TotalSeconds:F2} s ({rows / save.Elapsed.TotalSeconds:N0} rows/s)");
        Console.WriteLine($"replace      {replace.Elapsed.TotalSeconds:F2} s (delete the run's rows, insert again)");
        Console.WriteLine($"read         {read.Elapsed.TotalSeconds:F2} s ({back?.Posts.Count ?? 0:N0} posts back)");
        Console.WriteLine($"load         {LoadAverage()} (1-minute load average on {Environment.ProcessorCount} cores)");
        Console.WriteLine($"database     {new FileInfo(database).Length / 1e6:F1} MB");
        return back?.Posts.Count == posts ? 0 : 1;
    }

    private static AmplifierResults Synthetic(int posts, int seed)
    {
        var random = new SeededRandom(seed);
        var accounts = Math.Max(1, posts / 50);
        var monday = new DateOnly(2026, 1, 5);
        var scores = new List<StoredBotScore>(accounts);
        for (var a = 0; a < accounts; a++)
        {
            var p = random.NextDouble();
            scores.Add(new StoredBotScore($"acct{a:D8}", p, p > 0.5, "tweets_per_day=12.5 (+1.20); followers=3 (+0.80); age_days=40 (+0.30)"));
        }
        var clusters = new List<StoredCluster>(20);
        for (var c = 0; c < 20; c++)
        {
            var members = new List<string>(25);
            for (var m = 0; m < 25; m++) members.Add($"acct{(c * 25 + m) % accounts:D8}");
            clusters.Add(new StoredCluster(c + 1, members.Distinct().Order(StringComparer.Ordinal).ToList(),
                [new StoredCoAction("co-retweet", 400, 250), new StoredCoAction("co-link", 30, 12)], 430, 1.7, 0.8, 1.767e9, 1.768e9));
        }
        var rows = new List<PostAmplification>(posts);
        for (var i = 0; i < posts; i++)
        {
            var reposts = random.Next(0, 20);
            var views = random.Next(0, 50_000);
            rows.Add(new PostAmplification($"post{i:D10}", $"acct{random.Next(accounts):D8}", monday.AddDays(7 * random.Next(52)),
                Categories[random.Next(3)], reposts, reposts / 4, reposts / 5, reposts / 3, views, views * 0.1, views * 0.05, views * 0.12));
        }
        var weeks = new List<WeeklyAmplification>(52 * 3);
        for (var w = 0; w < 52; w++)
            foreach (var category in Categories)
                weeks.Add(new WeeklyAmplification(monday.AddDays(7 * w), category, 100, 800, 200, 160, 270, 1e6, 1e5, 5e4, 1.2e5));
        return new AmplifierResults(new AnalysisKey("detector-bench", "bots-bench", "bench"), scores, clusters, rows, weeks);
    }
}
