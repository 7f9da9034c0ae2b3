using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Measurement;
using Vigil.Storage;

namespace Vigil.Reporting.Transparency;

/// <summary>An original post of the period with what sampling needs: when, how widely seen, and the model's scores.</summary>
public readonly record struct PopulationPost(string Id, DateTimeOffset CreatedAt, long Views, double PHateful, double PAntisemitic);

/// <summary>
/// The population prevalence is measured over: original posts (replies and quotes included, reposts excluded — a repost
/// adds no content of its own, and its reach is already in the original's view count) created in [from, to), in
/// ordinal id order so that every draw is repeatable. A post without an assessment for the model scores 0: the
/// model-assisted estimator stays unbiased whatever the score, it only loses precision.
/// </summary>
public sealed record PeriodPopulation(DateOnly From, DateOnly To, IReadOnlyList<PopulationPost> Posts, int Unscored, long RepostsExcluded)
{
    public static async Task<PeriodPopulation> ReadAsync(IVigilStore store, string modelVersion, DateOnly? from, DateOnly? to,
        CancellationToken ct = default)
    {
        var posts = new List<(string Id, DateTimeOffset CreatedAt, long Views)>();
        long reposts = 0;
        DateTimeOffset? first = null, last = null;
        var start = from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MinValue;
        var end = to is { } t ? new DateTimeOffset(t.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue;
        await foreach (var post in store.ReadPostsAsync(ct))
        {
            if (post.CreatedAt < start || post.CreatedAt >= end) continue;
            if (post.RepostOfId is not null) { reposts++; continue; }
            posts.Add((post.Id, post.CreatedAt, post.Views));
            if (first is null || post.CreatedAt < first) first = post.CreatedAt;
            if (last is null || post.CreatedAt > last) last = post.CreatedAt;
        }
        if (posts.Count == 0)
            throw new NothingToMeasureException("The store holds no original post in the period: there is nothing to measure.");
        posts.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        var scores = new Dictionary<string, (double Hateful, double Antisemitic)>(posts.Count, StringComparer.Ordinal);
        await foreach (var a in store.ReadAssessmentsAsync(modelVersion, ct)) scores[a.PostId] = (a.PHateful, a.PAntisemitic);
        var population = new PopulationPost[posts.Count];
        var unscored = 0;
        for (var i = 0; i < posts.Count; i++)
        {
            var (id, created, views) = posts[i];
            if (!scores.TryGetValue(id, out var s)) unscored++;
            population[i] = new PopulationPost(id, created, Math.Max(0, views), s.Hateful, s.Antisemitic);
        }
        var periodFrom = from ?? WeekStart(DateOnly.FromDateTime(first!.Value.UtcDateTime));
        var periodTo = to ?? DateOnly.FromDateTime(last!.Value.UtcDateTime).AddDays(1);
        return new PeriodPopulation(periodFrom, periodTo, population, unscored, reposts);
    }

    /// <summary>
    /// SHA-256 of a canonical export of the rows the figures rest on (id, creation time, views, both scores), because a
    /// SQLite file's bytes change with page layout while its content does not.
    /// </summary>
    public string Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var p in Posts)
        {
            line.Clear().Append(p.Id).Append('\t').Append(p.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(p.Views.ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(p.PHateful.ToString("R", CultureInfo.InvariantCulture))
                .Append('\t').Append(p.PAntisemitic.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The Monday starting the ISO week that holds <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>ISO week name, e.g. 2026-W05.</summary>
    public static string WeekName(DateOnly weekStart)
    {
        var date = weekStart.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date):D4}-W{ISOWeek.GetWeekOfYear(date):D2}";
    }
}
