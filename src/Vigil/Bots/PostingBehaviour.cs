using System.Buffers;
using System.Runtime.InteropServices;
using Vigil.Coordination;
using Vigil.Model;

namespace Vigil.Bots;

/// <summary>
/// How an account behaved in the ingested posts. Values that need more posts than the account has are <c>NaN</c>
/// (missing), never zero, so that an account with two posts is not scored as perfectly regular.
/// </summary>
public sealed record PostingBehaviour
{
    /// <summary>A gap shorter than this between consecutive posts counts towards a burst.</summary>
    public static readonly TimeSpan BurstGap = TimeSpan.FromSeconds(60);

    public int Posts { get; init; }
    public double PostsPerDay { get; init; } = double.NaN;
    /// <summary>Coefficient of variation of the gaps between posts: near 0 for clockwork schedules, near 1 for random.</summary>
    public double GapVariation { get; init; } = double.NaN;
    /// <summary>Entropy (bits) of the gaps binned on a log2-seconds scale: low when an account posts at one cadence.</summary>
    public double GapEntropy { get; init; } = double.NaN;
    public double RepostShare { get; init; } = double.NaN;
    public double ReplyShare { get; init; } = double.NaN;
    /// <summary>Share of posts with text whose text (case-insensitive, trimmed) the account had already posted.</summary>
    public double DuplicateTextShare { get; init; } = double.NaN;
    /// <summary>Distinct hashtags over hashtag uses; NaN when the account used none.</summary>
    public double HashtagDiversity { get; init; } = double.NaN;
    /// <summary>Distinct link hosts over links posted; NaN when the account posted none.</summary>
    public double LinkDiversity { get; init; } = double.NaN;
    /// <summary>Entropy (bits, 0–log2 24) of the UTC hour of posting: people sleep, schedulers do not.</summary>
    public double HourEntropy { get; init; } = double.NaN;
    /// <summary>Share of gaps shorter than <see cref="BurstGap"/>.</summary>
    public double BurstShare { get; init; } = double.NaN;

    private const int GapBins = 25; // log2 of seconds: 1 s .. ~194 days, the last bin open-ended

    /// <summary>The behaviour of every author in <paramref name="posts"/>, by author id.</summary>
    public static Dictionary<string, PostingBehaviour> ByAuthor(IEnumerable<Post> posts)
    {
        var byAuthor = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            if (!byAuthor.TryGetValue(post.AuthorId, out var accumulator)) byAuthor[post.AuthorId] = accumulator = new Accumulator();
            accumulator.Add(post);
        }
        var result = new Dictionary<string, PostingBehaviour>(byAuthor.Count, StringComparer.Ordinal);
        foreach (var (author, accumulator) in byAuthor) result[author] = accumulator.Behaviour();
        return result;
    }

    /// <summary>Computes the behaviour of one account from its posts (any order).</summary>
    internal static PostingBehaviour From(IReadOnlyList<Post> posts)
    {
        var accumulator = new Accumulator();
        foreach (var post in posts) accumulator.Add(post);
        return accumulator.Behaviour();
    }

    /// <summary>
    /// One account's behaviour gathered a post at a time, in any order, keeping a few numbers per post rather than the
    /// post: a platform streamed from a store never holds its texts. A text is remembered by a 64-bit hash of its
    /// upper-cased form (the equality of <see cref="StringComparison.OrdinalIgnoreCase"/>); two different texts of one
    /// account share a hash with odds near k²/2⁶⁵ for k texts.
    /// </summary>
    /// <remarks>
    /// With <c>keepRhythm</c> false it keeps only counts per account: the caller keeps each post's time and
    /// <see cref="TextKey"/> elsewhere (a whole-platform analysis spills them to disk) and hands them to
    /// <see cref="Behaviour(Span{long}, Span{ulong})"/>.
    /// </remarks>
    internal sealed class Accumulator(bool keepRhythm = true)
    {
        private readonly List<long> _ticks = [];
        private readonly int[] _hours = new int[24];
        private readonly List<ulong> _texts = [];
        private readonly HashSet<string> _hashtags = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
        private int _posts, _reposts, _replies, _withText, _hashtagUses, _linkUses;

        public void Add(Post post)
        {
            _posts++;
            _hours[post.CreatedAt.UtcDateTime.Hour]++;
            if (post.RepostOfId is not null) _reposts++;
            if (post.ReplyToId is not null) _replies++;
            var text = TextKey(post);
            if (text is not null) _withText++;
            if (keepRhythm)
            {
                _ticks.Add(post.CreatedAt.UtcTicks);
                if (text is { } key) _texts.Add(key);
            }
            for (var h = 0; h < post.Hashtags.Count; h++) { _hashtagUses++; _hashtags.Add(post.Hashtags[h]); }
            for (var u = 0; u < post.Urls.Count; u++) { _linkUses++; _hosts.Add(HostOf(post.Urls[u])); }
        }

        /// <summary>The key a post's text is compared by for <see cref="DuplicateTextShare"/>; null when it has no text.</summary>
        public static ulong? TextKey(Post post)
        {
            var text = post.Text.AsSpan().Trim();
            return text.Length > 0 ? CaseInsensitiveHash(text) : null;
        }

        public PostingBehaviour Behaviour() => keepRhythm
            ? Behaviour(CollectionsMarshal.AsSpan(_ticks), CollectionsMarshal.AsSpan(_texts))
            : throw new InvalidOperationException("this accumulator kept no rhythm: pass the posts' times and text keys");

        /// <summary>
        /// The behaviour from the counts and the posts' times and <see cref="TextKey"/>s (any order; both are sorted
        /// in place).
        /// </summary>
        public PostingBehaviour Behaviour(Span<long> ticks, Span<ulong> textKeys)
        {
            var n = _posts;
            if (ticks.Length != n || textKeys.Length != _withText)
                throw new ArgumentException($"{ticks.Length} times and {textKeys.Length} text keys for an account with {n} posts, {_withText} with text");
            if (n == 0) return new PostingBehaviour();
            var behaviour = new PostingBehaviour
            {
                Posts = n,
                RepostShare = (double)_reposts / n,
                ReplyShare = (double)_replies / n,
                DuplicateTextShare = _withText == 0 ? double.NaN : (double)(_withText - CountDistinct(textKeys)) / _withText,
                HashtagDiversity = _hashtagUses == 0 ? double.NaN : (double)_hashtags.Count / _hashtagUses,
                LinkDiversity = _linkUses == 0 ? double.NaN : (double)_hosts.Count / _linkUses,
                HourEntropy = Entropy(_hours, n),
            };
            return n < 2 ? behaviour : WithGaps(behaviour, ticks);
        }

        /// <summary>Distinct values; a text is a duplicate when the account had posted it already, so duplicates are the rest.</summary>
        private static int CountDistinct(Span<ulong> values)
        {
            values.Sort();
            var distinct = 0;
            for (var i = 0; i < values.Length; i++)
                if (i == 0 || values[i] != values[i - 1]) distinct++;
            return distinct;
        }

        private static ulong CaseInsensitiveHash(ReadOnlySpan<char> text)
        {
            var buffer = ArrayPool<char>.Shared.Rent(text.Length);
            try
            {
                var upper = buffer.AsSpan(0, text.ToUpperInvariant(buffer));
                return CoordinationText.Hash(upper);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }
    }

    private static PostingBehaviour WithGaps(PostingBehaviour behaviour, Span<long> ticks)
    {
        ticks.Sort();
        var gaps = ticks.Length - 1;
        var spanDays = TimeSpan.FromTicks(ticks[^1] - ticks[0]).TotalDays;
        double sum = 0, sumSquares = 0;
        var bursts = 0;
        Span<int> bins = stackalloc int[GapBins];
        for (var i = 1; i < ticks.Length; i++)
        {
            var seconds = TimeSpan.FromTicks(ticks[i] - ticks[i - 1]).TotalSeconds;
            sum += seconds;
            sumSquares += seconds * seconds;
            if (seconds < BurstGap.TotalSeconds) bursts++;
            bins[Math.Min(GapBins - 1, seconds < 1 ? 0 : 1 + (int)Math.Log2(seconds))]++;
        }
        var mean = sum / gaps;
        var variance = Math.Max(0, sumSquares / gaps - mean * mean);
        return behaviour with
        {
            // Posts spread over less than a day are a rate over one day, not an extrapolation to thousands a day.
            PostsPerDay = ticks.Length / Math.Max(1.0, spanDays),
            GapVariation = mean == 0 ? 0 : Math.Sqrt(variance) / mean,
            GapEntropy = Entropy(bins, gaps),
            BurstShare = (double)bursts / gaps,
        };
    }

    private static double Entropy(ReadOnlySpan<int> counts, int total)
    {
        double bits = 0;
        foreach (var c in counts)
        {
            if (c == 0) continue;
            var p = (double)c / total;
            bits -= p * Math.Log2(p);
        }
        return bits;
    }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : url;
}
