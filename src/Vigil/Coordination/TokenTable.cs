namespace Vigil.Coordination;

/// <summary>
/// Distinct co-similar tokens per message, as ranks in one global order (rarest first). With that order, prefix
/// filtering finds every pair at or above a Jaccard threshold exactly: two sets with J ≥ t share at least
/// ⌈t·|x|⌉ tokens, so they share a token among the first |x| − ⌈t·|x|⌉ + 1 of each. Indexing messages only under
/// those prefix tokens (mostly rare ones) keeps candidate buckets small, with no false negatives, unlike MinHash/LSH.
/// </summary>
internal sealed class TokenTable
{
    private readonly int[] _start;
    private readonly ChunkedInts _ranks;

    private TokenTable(int[] start, ChunkedInts ranks, int messagesWithTokens, int vocabulary)
    {
        _start = start;
        _ranks = ranks;
        MessagesWithTokens = messagesWithTokens;
        Vocabulary = vocabulary;
    }

    public int MessagesWithTokens { get; }
    public int Vocabulary { get; }

    public ReadOnlySpan<int> Of(int message) => _ranks.Run(_start[message], _start[message + 1]);

    /// <summary>
    /// Collects the tokens of one message at a time (texts are read and dropped). Reposts (given as empty text) and
    /// messages with fewer than the minimum distinct tokens get no tokens.
    /// </summary>
    public sealed class Builder(int minTokens)
    {
        private readonly Dictionary<ulong, int> _vocabulary = [];
        private readonly List<ulong> _tokenHash = [];
        private readonly GrowableInts _frequency = new(1024);
        private readonly GrowableInts _start = new(1024);
        private readonly ChunkedInts _ids = new();
        private readonly GrowableInts _scratch = new(64);
        private char[] _buffer = new char[256];
        private int _withTokens;

        public void Add(string text)
        {
            if (text.Length == 0)
            {
                _start.Add(_ids.Position);
                return;
            }
            if (_buffer.Length < text.Length) _buffer = new char[Math.Max(text.Length, _buffer.Length * 2)];
            var cleaned = _buffer.AsSpan(0, CoordinationText.Clean(text, _buffer, collapseWhitespace: false));
            _scratch.Clear();
            var tokens = new CoordinationText.TokenEnumerator(cleaned);
            while (tokens.MoveNext())
            {
                var hash = CoordinationText.Hash(tokens.Current);
                if (!_vocabulary.TryGetValue(hash, out var id))
                {
                    id = _vocabulary.Count;
                    _vocabulary.Add(hash, id);
                    _tokenHash.Add(hash);
                    _frequency.Add(0);
                }
                _scratch.Add(id);
            }
            var distinct = SortDistinct(_scratch.Span);
            if (distinct.Length < Math.Max(1, minTokens))
            {
                _start.Add(_ids.Position);
                return;
            }
            _withTokens++;
            _start.Add(_ids.Append(distinct));
            foreach (var id in distinct) _frequency.Span[id]++;
        }

        public TokenTable Build()
        {
            var messages = _start.Count;
            var start = new int[messages + 1];
            _start.Span.CopyTo(start);
            start[messages] = _ids.Position;

            // Rarest first, ties by hash so the order (and so the candidates) never depend on input order.
            var order = new int[_vocabulary.Count];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            var freq = _frequency.Span.ToArray();
            var hashes = _tokenHash.ToArray();
            Array.Sort(order, (x, y) => freq[x] != freq[y] ? freq[x].CompareTo(freq[y]) : hashes[x].CompareTo(hashes[y]));
            var rankOf = new int[order.Length];
            for (var r = 0; r < order.Length; r++) rankOf[order[r]] = r;

            // Re-ranked in place: the builder hands its ids over and is not used again.
            _ids.Map(rankOf);
            for (var m = 0; m < messages; m++) _ids.Run(start[m], start[m + 1]).Sort();
            return new TokenTable(start, _ids, _withTokens, _vocabulary.Count);
        }
    }

    /// <summary>Buckets each of <paramref name="messages"/> under its prefix tokens (see the class summary), sorted by time per token.</summary>
    public OccurrenceIndex BuildPrefixIndex(double threshold, double[] time, ReadOnlySpan<int> messages)
    {
        var messageCount = _start.Length - 1;
        var occurrenceMessage = new GrowableInts(messages.Length * 2);
        var occurrenceGroup = new GrowableInts(messages.Length * 2);
        foreach (var m in messages)
        {
            var tokens = Of(m);
            if (tokens.IsEmpty) continue;
            for (var i = 0; i < PrefixLength(tokens.Length, threshold); i++)
            {
                occurrenceMessage.Add(m);
                occurrenceGroup.Add(tokens[i]);
            }
        }
        return OccurrenceIndex.Build(occurrenceMessage.Span, occurrenceGroup.Span, Vocabulary, time, messageCount);
    }

    /// <summary>
    /// |x| − minimum overlap + 1. The overlap bound is rounded down by a hair so that floating-point error can only
    /// lengthen the prefix (more candidates), never shorten it (missed pairs).
    /// </summary>
    internal static int PrefixLength(int size, double threshold)
    {
        var minOverlap = Math.Max(1, (int)Math.Ceiling(threshold * size - 1e-9));
        return size - minOverlap + 1;
    }

    /// <summary>|x ∩ y| / |x ∪ y| computed as the toolkit does (one double division), by merging two sorted lists.</summary>
    public double Jaccard(int message, int partner)
    {
        var x = Of(message);
        var y = Of(partner);
        if (x.IsEmpty || y.IsEmpty) return 0;
        int i = 0, j = 0, shared = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return (double)shared / (x.Length + y.Length - shared);
    }

    private static ReadOnlySpan<int> SortDistinct(Span<int> values)
    {
        if (values.Length < 2) return values;
        values.Sort();
        var write = 1;
        for (var read = 1; read < values.Length; read++)
            if (values[read] != values[write - 1]) values[write++] = values[read];
        return values[..write];
    }
}
