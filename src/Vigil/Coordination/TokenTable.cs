using Vigil.Scratch;

namespace Vigil.Coordination;

/// <summary>
/// Distinct co-similar tokens per message, as ranks in one global order (rarest first). With that order, prefix
/// filtering finds every pair at or above a Jaccard threshold exactly: two sets with J ≥ t share at least
/// ⌈t·|x|⌉ tokens, so they share a token among the first |x| − ⌈t·|x|⌉ + 1 of each. Indexing messages only under
/// those prefix tokens (mostly rare ones) keeps candidate buckets small, with no false negatives, unlike MinHash/LSH.
/// </summary>
/// <remarks>
/// The tokens (a dozen ints per original post: the largest table of a whole-platform analysis) wait in a scratch file
/// in message order; memory holds one position per message and the tokens of the messages last
/// <see cref="Load">loaded</see> (one slice of time), so the table's memory does not grow with the platform's texts.
/// </remarks>
internal sealed class TokenTable : IDisposable
{
    /// <summary>Ints per read of the scratch file: runs of messages that lie this close together are read at once.</summary>
    private const int ReadBlock = 1 << 20;
    private readonly int[] _start;
    private readonly ScratchFile<int> _ids;
    private readonly int[] _rankOf;
    private (int At, int Count)[] _loadedSpans = [];
    private int _loadedCount;
    private int[] _loaded = [];
    private int[] _readBuffer = [];
    private int[] _readIds = [];
    private int[] _readNumbers = [];

    private TokenTable(int[] start, ScratchFile<int> ids, int[] rankOf, int messagesWithTokens)
    {
        _start = start;
        _ids = ids;
        _rankOf = rankOf;
        MessagesWithTokens = messagesWithTokens;
    }

    public int MessagesWithTokens { get; }
    public int Vocabulary => _rankOf.Length;

    /// <summary>How many distinct tokens the message has (0 for reposts and messages below the minimum).</summary>
    public int Count(int message) => _start[message + 1] - _start[message];

    /// <summary>How many distinct tokens the message <see cref="Load">loaded</see> as number <paramref name="loaded"/> has.</summary>
    public int LoadedCount(int loaded) => _loadedSpans[loaded].Count;

    /// <summary>The tokens, as ascending ranks, of the message <see cref="Load">loaded</see> as number <paramref name="loaded"/>.</summary>
    public ReadOnlySpan<int> Of(int loaded)
    {
        var (at, count) = _loadedSpans[loaded];
        return _loaded.AsSpan(at, count);
    }

    /// <summary>
    /// Reads the tokens of <paramref name="messages"/> from the scratch file, ranked and sorted, and numbers the messages
    /// by their position in <paramref name="messages"/>: <see cref="Of"/>, <see cref="LoadedCount"/>,
    /// <see cref="Reaches"/> and <see cref="BuildPrefixIndex"/> take those numbers until the next load. Numbers, not the
    /// messages' own: a slice of time is then a run of small numbers whose tokens lie in that order, so the partners a
    /// window visits sit close in memory (at ten million posts, lookups by message in whole-platform arrays made the
    /// stage wait on memory). The file is read in its own order, runs of neighbours in one read.
    /// </summary>
    public void Load(ReadOnlySpan<int> messages)
    {
        var k = messages.Length;
        if (_loadedSpans.Length < k) _loadedSpans = new (int, int)[k];
        long total = 0;
        for (var i = 0; i < k; i++)
        {
            var count = Count(messages[i]);
            if (total + count > Array.MaxLength) throw new InvalidOperationException($"a slice of more than {Array.MaxLength:N0} tokens is more than one array holds; use smaller time slices");
            _loadedSpans[i] = ((int)total, count);
            total += count;
        }
        _loadedCount = k;
        if (_loaded.Length < total || _loaded.Length > 2 * total) _loaded = new int[total];
        if (_readIds.Length < k)
        {
            _readIds = new int[k];
            _readNumbers = new int[k];
        }
        var ids = _readIds.AsSpan(0, k);
        var numbers = _readNumbers.AsSpan(0, k);
        messages.CopyTo(ids);
        for (var i = 0; i < k; i++) numbers[i] = i;
        ids.Sort(numbers);
        if (_readBuffer.Length < ReadBlock) _readBuffer = new int[ReadBlock];
        var buffer = _readBuffer;
        for (var i = 0; i < k;)
        {
            var first = _start[ids[i]];
            var j = i;
            while (j + 1 < k && _start[ids[j + 1] + 1] - first <= ReadBlock) j++;
            var span = _start[ids[j] + 1] - first;
            if (span > buffer.Length) buffer = _readBuffer = new int[span];
            _ids.Read(first, buffer.AsSpan(0, span));
            for (var q = i; q <= j; q++)
            {
                var m = ids[q];
                var run = buffer.AsSpan(_start[m] - first, Count(m));
                var ranks = _loaded.AsSpan(_loadedSpans[numbers[q]].At, run.Length);
                for (var t = 0; t < run.Length; t++) ranks[t] = _rankOf[run[t]];
                ranks.Sort();
            }
            i = j + 1;
        }
    }

    public void Dispose() => _ids.Dispose();

    /// <summary>
    /// Collects the tokens of one message at a time (texts are read and dropped; tokens go to the scratch file). Reposts
    /// (given as empty text) and messages with fewer than the minimum distinct tokens get no tokens.
    /// </summary>
    public sealed class Builder(int minTokens, int expectedMessages = 0)
    {
        private readonly Dictionary<ulong, int> _vocabulary = [];
        private readonly List<ulong> _tokenHash = [];
        private readonly GrowableInts _frequency = new(1024);
        private readonly GrowableInts _start = new(Math.Max(1024, expectedMessages));
        private readonly ScratchFile<int> _ids = new();
        private readonly GrowableInts _scratch = new(64);
        private char[] _buffer = new char[256];
        private int _withTokens;

        public void Add(string text)
        {
            if (text.Length == 0)
            {
                _start.Add(Position());
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
                _start.Add(Position());
                return;
            }
            _withTokens++;
            _start.Add(Position());
            _ids.Add(distinct);
            foreach (var id in distinct) _frequency.Span[id]++;
        }

        /// <summary>The table; the builder hands its scratch file over and is not used again.</summary>
        public TokenTable Build()
        {
            var messages = _start.Count;
            var start = new int[messages + 1];
            _start.Span.CopyTo(start);
            start[messages] = Position();

            // Rarest first, ties by hash so the order (and so the candidates) never depend on input order.
            var order = new int[_vocabulary.Count];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            var freq = _frequency.Span.ToArray();
            var hashes = _tokenHash.ToArray();
            Array.Sort(order, (x, y) => freq[x] != freq[y] ? freq[x].CompareTo(freq[y]) : hashes[x].CompareTo(hashes[y]));
            var rankOf = new int[order.Length];
            for (var r = 0; r < order.Length; r++) rankOf[order[r]] = r;
            return new TokenTable(start, _ids, rankOf, _withTokens);
        }

        private int Position() => _ids.Count <= int.MaxValue ? (int)_ids.Count
            : throw new InvalidOperationException($"more than {int.MaxValue:N0} co-similar tokens: analyse the platform in parts");
    }

    /// <summary>
    /// Buckets each loaded message under its prefix tokens (see the class summary), sorted by time per token; the index
    /// holds the messages' load numbers, whose times <paramref name="loadedTime"/> gives.
    /// </summary>
    public OccurrenceIndex BuildPrefixIndex(double threshold, double[] loadedTime, OccurrenceIndex.Arrays? arrays = null)
    {
        arrays ??= new OccurrenceIndex.Arrays();
        var occurrences = 0;
        for (var m = 0; m < _loadedCount; m++)
            if (LoadedCount(m) > 0) occurrences += PrefixLength(LoadedCount(m), threshold);
        var occurrenceMessage = OccurrenceIndex.Arrays.Sized(ref arrays.OccurrenceMessage, occurrences);
        var occurrenceGroup = OccurrenceIndex.Arrays.Sized(ref arrays.OccurrenceGroup, occurrences);
        var at = 0;
        for (var m = 0; m < _loadedCount; m++)
        {
            var tokens = Of(m);
            if (tokens.IsEmpty) continue;
            var prefix = PrefixLength(tokens.Length, threshold);
            for (var i = 0; i < prefix; i++)
            {
                occurrenceMessage[at] = m;
                occurrenceGroup[at++] = tokens[i];
            }
        }
        return OccurrenceIndex.Build(occurrenceMessage.AsSpan(0, occurrences), occurrenceGroup.AsSpan(0, occurrences), Vocabulary, loadedTime,
            _loadedCount, arrays);
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

    /// <summary>
    /// Whether |x ∩ y| / |x ∪ y| of two loaded messages (by load number), computed as the toolkit does (one double
    /// division), is at least <paramref name="threshold"/>. That quotient never falls as the overlap grows (the division
    /// of exact integers rounds monotonically), so it is at least the threshold exactly when the overlap reaches the
    /// smallest one that makes it so: the merge of the two sorted lists stops as soon as the tokens left cannot reach
    /// it, which is where most candidate pairs end.
    /// </summary>
    public bool Reaches(int message, int partner, double threshold)
    {
        var x = Of(message);
        var y = Of(partner);
        if (x.IsEmpty || y.IsEmpty) return false;
        var needed = SmallestOverlap(x.Length, y.Length, threshold);
        int i = 0, j = 0, shared = 0;
        while (i < x.Length && j < y.Length)
        {
            if (shared + Math.Min(x.Length - i, y.Length - j) < needed) return false;
            if (x[i] == y[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return shared >= needed;
    }

    /// <summary>The smallest overlap s with s / (x + y − s) ≥ threshold in double arithmetic; more than min(x, y) if none.</summary>
    internal static int SmallestOverlap(int x, int y, double threshold)
    {
        static bool Enough(int s, int x, int y, double threshold) => (double)s / (x + y - s) >= threshold;
        var most = Math.Min(x, y);
        // The exact answer is ⌈t(x + y)/(1 + t)⌉; start there and step to where the double quotient agrees.
        var s = (int)Math.Clamp(Math.Ceiling(threshold * (x + y) / (1 + threshold)), 0, most + 1);
        while (s <= most && !Enough(s, x, y, threshold)) s++;
        while (s > 0 && Enough(s - 1, x, y, threshold)) s--;
        return s;
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
