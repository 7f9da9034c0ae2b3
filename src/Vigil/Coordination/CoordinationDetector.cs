namespace Vigil.Coordination;

/// <summary>
/// Builds coordination networks with the edge semantics of the QUT coordination-network-toolkit (docs/COORDINATION.md):
/// the weight of A→B is the number of A's messages that have at least one matching message by B within ±window
/// seconds, inclusive. Work grows with the number of matches inside each shared item's time window, never with all
/// pairs of messages.
/// </summary>
public static class CoordinationDetector
{
    public static CoordinationResult Detect(IReadOnlyList<CoordinationMessage> messages, CoordinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options.Validate();
        using var table = MessageTable.From(messages, [options.Type], options.MinSimilarityTokens);
        return Detect(table, options);
    }

    /// <summary>The network of one type over a table that was built with that type's items.</summary>
    internal static CoordinationResult Detect(MessageTable table, CoordinationOptions options)
    {
        options.Validate();
        var matched = new bool[table.Count];
        var userCount = table.UserIds.Count;
        (long[] Keys, int[] Counts) pairs;
        int considered;
        if (options.Type == CoordinationType.CoSimilar)
        {
            var tokens = table.Tokens(options.MinSimilarityTokens);
            considered = tokens.MessagesWithTokens;
            pairs = CountSimilarPairs(tokens, table, options, matched);
        }
        else
        {
            var (message, group, groupCount) = table.Occurrences(options.Type);
            var index = OccurrenceIndex.Build(message, group, groupCount, table.Time, table.Count);
            considered = CountOccurring(index, table.Count);
            pairs = Arrays(CountPairs(index, table.UserOf, table.Count, userCount, options, options.MinWeight, sources: null, matched, new AcceptAll()));
        }

        var edges = PackedEdges.Ranked(pairs.Keys, pairs.Counts, table.Ranks);
        return new CoordinationResult(options.Type, options, edges, considered) { Matched = matched };
    }

    /// <summary>
    /// The pairs as two arrays (12 bytes a pair against the list's 16), the list emptied first: at ten million posts the
    /// pairs are the stage's largest allocation.
    /// </summary>
    private static (long[] Keys, int[] Counts) Arrays(List<(long Key, int Count)> pairs)
    {
        var keys = new long[pairs.Count];
        var counts = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++) (keys[i], counts[i]) = pairs[i];
        pairs.Clear();
        pairs.TrimExcess();
        return (keys, counts);
    }

    private static int CountOccurring(OccurrenceIndex index, int messageCount)
    {
        var count = 0;
        for (var m = 0; m < messageCount; m++)
            if (index.Occurs(m)) count++;
        return count;
    }

    /// <summary>
    /// co-similar pairs, one slice of time at a time (<see cref="CoordinationOptions.MessagesPerTimeSlice"/>): each
    /// message is a source in exactly one slice, and that slice's index holds every message within the window of its
    /// sources, so per-slice counts add up to the whole input's. Counts are summed over slices (sorted runs merged at the
    /// end) before the minimum weight applies, since an account's messages may fall in several slices.
    /// </summary>
    private static (long[] Keys, int[] Counts) CountSimilarPairs(TokenTable tokens, MessageTable table, CoordinationOptions options,
        bool[] matched)
    {
        var withTokens = new int[tokens.MessagesWithTokens];
        for (int m = 0, at = 0; m < table.Count; m++)
            if (tokens.Count(m) > 0) withTokens[at++] = m;
        var slice = new TimeSlice(tokens, table);
        if (withTokens.Length <= options.MessagesPerTimeSlice)
            return Arrays(slice.CountPairs(withTokens, 0, withTokens.Length, options, options.MinWeight, matched));

        using var runs = new PairCountRuns();
        foreach (var (lo, start, end, hi) in SlicesOfTime(withTokens, table.Time, options))
            runs.Add(slice.CountPairs(withTokens.AsSpan(lo, hi - lo), start - lo, end - lo, options, minWeight: 1, matched));
        // Counted first so that the arrays are allocated once at their size: they are the largest thing the stage keeps.
        var kept = 0;
        foreach (var (_, count) in runs.Merged())
            if (count >= options.MinWeight) kept++;
        var keys = new long[kept];
        var counts = new int[kept];
        var next = 0;
        foreach (var (key, count) in runs.Merged())
            if (count >= options.MinWeight) (keys[next], counts[next++]) = (key, count);
        return (keys, counts);
    }

    /// <summary>
    /// One slice of co-similar's messages at a time, numbered in the slice's order (time), with each number's account,
    /// time and tokens in arrays of the slice's size: a partner visit reads those instead of whole-platform arrays
    /// indexed by message, which at ten million posts made the stage wait on memory. The arrays, and the slice's index,
    /// are reused from slice to slice, so the large-object heap is not refilled slice after slice.
    /// </summary>
    private sealed class TimeSlice(TokenTable tokens, MessageTable table)
    {
        private readonly OccurrenceIndex.Arrays _index = new();
        private int[] _user = [];
        private double[] _time = [];
        private bool[] _source = [];
        private bool[] _matched = [];

        /// <summary>
        /// The pairs of <paramref name="messages"/> whose source is one of [<paramref name="start"/>, <paramref name="end"/>)
        /// (positions in <paramref name="messages"/>); marks those sources that matched in <paramref name="matched"/>.
        /// </summary>
        public List<(long Key, int Count)> CountPairs(ReadOnlySpan<int> messages, int start, int end, CoordinationOptions options,
            int minWeight, bool[] matched)
        {
            var k = messages.Length;
            var user = OccurrenceIndex.Arrays.Sized(ref _user, k);
            var time = OccurrenceIndex.Arrays.Sized(ref _time, k);
            var source = OccurrenceIndex.Arrays.Sized(ref _source, k);
            var sliceMatched = OccurrenceIndex.Arrays.Sized(ref _matched, k);
            for (var i = 0; i < k; i++)
            {
                user[i] = table.UserOf[messages[i]];
                time[i] = table.Time[messages[i]];
                source[i] = i >= start && i < end;
                sliceMatched[i] = false;
            }
            tokens.Load(messages);
            var index = tokens.BuildPrefixIndex(options.SimilarityThreshold, time, _index);
            var pairs = CoordinationDetector.CountPairs(index, user, k, table.UserIds.Count, options, minWeight, source, sliceMatched,
                new JaccardFilter(tokens, options.SimilarityThreshold));
            for (var i = start; i < end; i++)
                if (sliceMatched[i]) matched[messages[i]] = true;
            return pairs;
        }
    }

    /// <summary>
    /// Sorts <paramref name="messages"/> by time in place and cuts them into slices of at most
    /// <see cref="CoordinationOptions.MessagesPerTimeSlice"/> sources [Start, End), each with the messages within the
    /// window on either side [Lo, Hi). The times sorted alongside (8 bytes a message) are let go before any slice is built.
    /// </summary>
    private static List<(int Lo, int Start, int End, int Hi)> SlicesOfTime(int[] messages, double[] time, CoordinationOptions options)
    {
        var sortedTime = new double[messages.Length];
        for (var i = 0; i < messages.Length; i++) sortedTime[i] = time[messages[i]];
        Array.Sort(sortedTime, messages);
        var slices = new List<(int Lo, int Start, int End, int Hi)>();
        for (var start = 0; start < messages.Length;)
        {
            var end = Math.Min(messages.Length, start + options.MessagesPerTimeSlice);
            var lo = start;
            while (lo > 0 && sortedTime[lo - 1] >= sortedTime[start] - options.WindowSeconds) lo--;
            var hi = end;
            while (hi < messages.Length && sortedTime[hi] <= sortedTime[end - 1] + options.WindowSeconds) hi++;
            slices.Add((lo, start, end, hi));
            start = end;
        }
        return slices;
    }

    /// <summary>
    /// Counts A→B one source account at a time: every partner account of A's messages is tallied in a dense per-thread
    /// array indexed by account, then A's row is emitted and reset. No pair table at all, so memory is the output
    /// plus two ints per account per thread, however dense the co-action (co-post). Accounts are dealt to partitions
    /// (index modulo partitions) that threads take in turn.
    /// </summary>
    /// <param name="sources">When set, only these messages are sources (a time slice); their partners may be any indexed message.</param>
    /// <param name="userOf">The account of each of the index's <paramref name="messageCount"/> messages (the array may be longer).</param>
    private static List<(long Key, int Count)> CountPairs<TFilter>(OccurrenceIndex index, int[] userOf, int messageCount, int userCount,
        CoordinationOptions options, int minWeight, bool[]? sources, bool[] matched, TFilter filter) where TFilter : struct, IPartnerFilter
    {
        // Occurring messages grouped by account (counting sort), so each account's messages are one slice.
        var userStart = new int[userCount + 1];
        bool IsSource(int m) => index.Occurs(m) && (sources is null || sources[m]);
        for (var m = 0; m < messageCount; m++)
            if (IsSource(m)) userStart[userOf[m] + 1]++;
        for (var u = 0; u < userCount; u++) userStart[u + 1] += userStart[u];
        var fill = userStart.AsSpan(0, userCount).ToArray();
        var byUser = new int[userStart[userCount]];
        for (var m = 0; m < messageCount; m++)
            if (IsSource(m)) byUser[fill[userOf[m]]++] = m;

        var threads = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var partitions = options.Partitions > 0 ? options.Partitions : threads * 8;
        var results = new List<(long Key, int Count)>[partitions];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new AccountTally(userCount),
            (p, _, tally) =>
            {
                var kept = new List<(long Key, int Count)>();
                for (var a = p; a < userCount; a += partitions)
                {
                    // An account with fewer occurring messages than the minimum weight cannot be the source of an edge.
                    if (userStart[a + 1] - userStart[a] < minWeight) continue;
                    tally.Count(a, index, userOf, byUser.AsSpan(userStart[a], userStart[a + 1] - userStart[a]),
                        options.WindowSeconds, minWeight, matched, filter, kept);
                }
                results[p] = kept;
                return tally;
            },
            static _ => { });

        var total = 0;
        foreach (var r in results) total += r.Count;
        var all = new List<(long Key, int Count)>(total);
        foreach (var r in results) all.AddRange(r);
        return all;
    }

    /// <summary>Per-thread scratch: partner counts and last-message stamps per account, plus the accounts touched.</summary>
    private sealed class AccountTally(int userCount)
    {
        private readonly int[] _count = new int[userCount];
        private readonly int[] _stamp = new int[userCount];
        private readonly GrowableInts _touched = new(256);

        public void Count<TFilter>(int a, OccurrenceIndex index, int[] userOf, ReadOnlySpan<int> messagesOfA, double window,
            int minWeight, bool[] matched, TFilter filter, List<(long Key, int Count)> kept) where TFilter : struct, IPartnerFilter
        {
            var group = index.Group;
            var time = index.Time;
            var partner = index.Message;
            var length = index.Length;
            _touched.Clear();
            foreach (var m in messagesOfA)
            {
                // Stamping partners' accounts with this message counts each (message, account) once, however many
                // items or messages they share: the toolkit's count(distinct e_1.message_id).
                var stamp = m + 1;
                foreach (var pos in index.PositionsOf(m))
                {
                    var g = group[pos];
                    var lo = time[pos] - window;
                    var hi = time[pos] + window;
                    for (var j = pos - 1; j >= 0 && group[j] == g && time[j] >= lo; j--) Visit(partner[j]);
                    for (var j = pos + 1; j < length && group[j] == g && time[j] <= hi; j++) Visit(partner[j]);
                }

                void Visit(int n)
                {
                    var b = userOf[n];
                    if (b == a || _stamp[b] == stamp || !filter.Accept(m, n)) return;
                    _stamp[b] = stamp;
                    if (_count[b]++ == 0) _touched.Add(b);
                    matched[m] = true;
                }
            }
            foreach (var b in _touched.Span)
            {
                if (_count[b] >= minWeight) kept.Add((PackedPair.Of(a, b), _count[b]));
                _count[b] = 0;
            }
        }
    }

    private interface IPartnerFilter
    {
        bool Accept(int message, int partner);
    }

    private readonly struct AcceptAll : IPartnerFilter
    {
        public bool Accept(int message, int partner) => true;
    }

    /// <summary>Partners at or above the Jaccard threshold; messages are load numbers (<see cref="TokenTable.Load"/>).</summary>
    private readonly struct JaccardFilter(TokenTable tokens, double threshold) : IPartnerFilter
    {
        public bool Accept(int message, int partner)
        {
            // J ≤ min/max of the set sizes, and rounding is monotonic, so this cheap test never drops a true match.
            var x = tokens.LoadedCount(message);
            var y = tokens.LoadedCount(partner);
            if ((double)Math.Min(x, y) / Math.Max(x, y) < threshold) return false;
            return tokens.Reaches(message, partner, threshold);
        }
    }
}
