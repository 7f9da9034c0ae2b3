using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Measurement;
using Vigil.Model;
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
    /// <remarks>
    /// Two streams, never the store whole: the posts (keeping an id and two numbers per original in the period), then the
    /// assessments, each found among those ids by binary search rather than through a dictionary of every post.
    /// </remarks>
    public static async Task<PeriodPopulation> ReadAsync(IVigilStore store, string modelVersion, DateOnly? from, DateOnly? to,
        CancellationToken ct = default)
    {
        var ids = new PostIdIndex();
        var created = new List<long>();
        var views = new List<long>();
        long reposts = 0;
        DateTimeOffset? first = null, last = null;
        var start = from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MinValue;
        var end = to is { } t ? new DateTimeOffset(t.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue;
        await foreach (var post in store.ReadPostReachAsync(ct))
        {
            if (post.CreatedAt < start || post.CreatedAt >= end) continue;
            if (post.IsRepost) { reposts++; continue; }
            ids.Add(post.Id);
            created.Add(post.CreatedAt.ToUnixTimeMilliseconds());
            views.Add(post.Views);
            if (first is null || post.CreatedAt < first) first = post.CreatedAt;
            if (last is null || post.CreatedAt > last) last = post.CreatedAt;
        }
        if (ids.Count == 0)
            throw new NothingToMeasureException("The store holds no original post in the period: there is nothing to measure.");
        ids.Seal();

        var hateful = new double[ids.Count];
        var antisemitic = new double[ids.Count];
        var scored = new bool[ids.Count];
        await foreach (var a in store.ReadAssessmentScoresAsync(modelVersion, ct))
        {
            var p = ids.Find(a.PostId);
            if (p < 0) continue;
            (hateful[p], antisemitic[p], scored[p]) = (a.PHateful, a.PAntisemitic, true);
        }
        var unscored = 0;
        foreach (var isScored in scored) if (!isScored) unscored++;
        // The posts in ordinal id order, each row made when read from these columns: at 10M posts, rows as structs
        // with their ids as strings were 860 MB held for the whole report.
        var population = new RowsOnDemand<PopulationPost>(ids.Count, rank =>
        {
            var p = ids.AtOrdinalRank(rank);
            return new PopulationPost(ids.IdOf(p), DateTimeOffset.FromUnixTimeMilliseconds(created[p]), Math.Max(0, views[p]),
                hateful[p], antisemitic[p]);
        });
        var periodFrom = from ?? WeekStart(DateOnly.FromDateTime(first!.Value.UtcDateTime));
        var periodTo = to ?? DateOnly.FromDateTime(last!.Value.UtcDateTime).AddDays(1);
        return new PeriodPopulation(periodFrom, periodTo, population, unscored, reposts);
    }

    /// <summary>
    /// SHA-256 of a canonical export of the rows the figures rest on (id, creation time, views, both scores), because a
    /// SQLite file's bytes change with page layout while its content does not.
    /// </summary>
    internal string Sha256()
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
    internal static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>ISO week name, e.g. 2026-W05.</summary>
    internal static string WeekName(DateOnly weekStart)
    {
        var date = weekStart.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date):D4}-W{ISOWeek.GetWeekOfYear(date):D2}";
    }
}
