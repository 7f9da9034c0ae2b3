using System.Runtime.InteropServices;

namespace Vigil.Coordination;

/// <summary>
/// The messages as the coordination engine needs them, without their texts: per message its account and time, the
/// items it shares under each co-action type (interned by 64-bit hash), and its co-similar tokens. It is built one
/// message at a time (<see cref="MessageTableBuilder"/>), so a platform streamed from a store never holds its texts;
/// the list API (<see cref="CoordinationDetector.Detect(IReadOnlyList{CoordinationMessage}, CoordinationOptions)"/>)
/// builds one from its list. The co-similar tokens wait in a scratch file, deleted when the table is disposed.
/// </summary>
internal sealed class MessageTable(int[] userOf, IReadOnlyList<string> userIds, IReadOnlyList<string> usernames, double[] time,
    Dictionary<CoordinationType, (int[] Message, int[] Group, int GroupCount)> occurrences, TokenTable? tokens, int keptForMinTokens) : IDisposable
{
    public int Count => UserOf.Length;
    /// <summary>Account of each message, numbered by first appearance.</summary>
    public int[] UserOf { get; } = userOf;
    public IReadOnlyList<string> UserIds { get; } = userIds;
    /// <summary>The username of each account as its first message gave it.</summary>
    public IReadOnlyList<string> Usernames { get; } = usernames;
    /// <summary>Unix seconds of each message.</summary>
    public double[] Time { get; } = time;

    /// <summary>The accounts in the ordinal order of their ids, made once and shared by every network of this table.</summary>
    public AccountRanks Ranks => _ranks ??= AccountRanks.Of(UserIds);
    private AccountRanks? _ranks;

    /// <summary>The exact-match occurrences (message, shared item) of <paramref name="type"/>, in message order.</summary>
    public (int[] Message, int[] Group, int GroupCount) Occurrences(CoordinationType type) =>
        occurrences.TryGetValue(type, out var found) ? found
            : throw new ArgumentException($"the message table was built without {CoordinationTypes.Name(type)} items", nameof(type));

    public TokenTable Tokens(int minSimilarityTokens) =>
        tokens is null ? throw new ArgumentException("the message table was built without co-similar tokens", nameof(minSimilarityTokens))
        : minSimilarityTokens != keptForMinTokens
            ? throw new ArgumentException($"the message table's tokens were kept for at least {keptForMinTokens} tokens, not {minSimilarityTokens}", nameof(minSimilarityTokens))
            : tokens;

    /// <summary>
    /// Lets one type's items go once its network is built: at 10M posts each exact-match type holds two arrays of up to
    /// 40 MB and co-similar its tokens, and the later networks and the clusters need only accounts and times.
    /// </summary>
    public void Release(CoordinationType type)
    {
        if (type == CoordinationType.CoSimilar)
        {
            tokens?.Dispose();
            tokens = null;
        }
        occurrences.Remove(type);
    }

    public void Dispose() => tokens?.Dispose();

    public static MessageTable From(IReadOnlyList<CoordinationMessage> messages, IReadOnlyCollection<CoordinationType> types,
        int minSimilarityTokens)
    {
        var builder = new MessageTableBuilder(types, minSimilarityTokens);
        foreach (var message in messages) builder.Add(message);
        return builder.Build();
    }
}

/// <summary>Collects a <see cref="MessageTable"/> one message at a time, keeping only what the listed types need.</summary>
internal sealed class MessageTableBuilder
{
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly List<string> _userIds = [];
    private readonly List<string> _usernames = [];
    private readonly GrowableInts _userOf;
    private readonly List<double> _time;
    private readonly Dictionary<CoordinationType, ExactItems> _exact = [];
    private readonly TokenTable.Builder? _tokens;
    private readonly int _minSimilarityTokens;

    /// <param name="expectedMessages">How many messages will be added, when known (0 otherwise): per-message lists start
    /// at that size instead of doubling up to it.</param>
    public MessageTableBuilder(IReadOnlyCollection<CoordinationType> types, int minSimilarityTokens, int expectedMessages = 0)
    {
        _userOf = new GrowableInts(Math.Max(1024, expectedMessages));
        _time = new List<double>(expectedMessages);
        foreach (var type in types)
        {
            // co-tweet and co-post have an item for (almost) every message; the others for a share too small to guess.
            if (type != CoordinationType.CoSimilar)
                _exact[type] = new ExactItems(type is CoordinationType.CoTweet or CoordinationType.CoPost ? expectedMessages : 0);
        }
        if (types.Contains(CoordinationType.CoSimilar)) _tokens = new TokenTable.Builder(minSimilarityTokens, expectedMessages);
        _minSimilarityTokens = minSimilarityTokens;
    }

    public int Count => _userOf.Count;

    public void Add(CoordinationMessage message) => Add(message.MessageId, message.UserId, message.Username, message.Timestamp,
        message.RepostId, message.ReplyId, message.Text, message.Urls);

    /// <summary>Adds the next message; its text is read here and not kept.</summary>
    public void Add(string messageId, string userId, string username, double timestamp, string? repostId, string? replyId, string text,
        IReadOnlyList<string> urls)
    {
        // A NaN time would silently fall outside every window; the readers already refuse such rows.
        if (!double.IsFinite(timestamp)) throw new ArgumentException($"message '{messageId}' has a non-finite timestamp", nameof(timestamp));
        if (!_users.TryGetValue(userId, out var user))
        {
            user = _users.Count;
            _users.Add(userId, user);
            _userIds.Add(userId);
            _usernames.Add(username);
        }
        var m = _userOf.Count;
        _userOf.Add(user);
        _time.Add(timestamp);
        var isRepost = repostId is not null;
        foreach (var (type, items) in _exact)
        {
            switch (type)
            {
                case CoordinationType.CoRetweet when repostId is not null:
                    items.Add(m, CoordinationText.Hash(repostId));
                    break;
                case CoordinationType.CoReply when !isRepost && replyId is not null:
                    items.Add(m, CoordinationText.Hash(replyId));
                    break;
                case CoordinationType.CoTweet when !isRepost:
                    items.Add(m, CoordinationText.CoTweetKey(text));
                    break;
                case CoordinationType.CoLink when !isRepost:
                    for (var u = 0; u < urls.Count; u++)
                        if (!string.IsNullOrWhiteSpace(urls[u])) items.Add(m, CoordinationText.Hash(urls[u]));
                    break;
                case CoordinationType.CoPost:
                    items.Add(m, 0);
                    break;
            }
        }
        _tokens?.Add(isRepost ? "" : text);
    }

    public MessageTable Build()
    {
        var occurrences = new Dictionary<CoordinationType, (int[] Message, int[] Group, int GroupCount)>();
        foreach (var (type, items) in _exact) occurrences[type] = items.Build();
        return new MessageTable(_userOf.Span.ToArray(), _userIds, _usernames, CollectionsMarshal.AsSpan(_time).ToArray(), occurrences,
            _tokens?.Build(), _minSimilarityTokens);
    }

    /// <summary>
    /// Occurrences of one exact-match type. Items (repost ids, reply ids, URLs, co-tweet texts) are told apart by a 64-bit
    /// hash rather than kept as strings: two distinct items share a hash with odds near n²/2⁶⁵ (below 10⁻⁶ for ten
    /// million items), and the strings would be most of the memory. Items are numbered by sorting their hashes once all
    /// are in, not through a dictionary as they come: 12 bytes an occurrence instead of about 40 per distinct item (every
    /// original post's text is one for co-tweet). Numbers follow hash order; the networks do not depend on them, since
    /// the occurrence index keeps each item's occurrences in message order whatever its number.
    /// </summary>
    private sealed class ExactItems(int expected)
    {
        private readonly GrowableInts _message = new(Math.Max(1024, expected));
        private ulong[] _item = new ulong[Math.Max(1024, expected)];

        public void Add(int message, ulong item)
        {
            if (_message.Count == _item.Length) Array.Resize(ref _item, _item.Length * 2);
            _item[_message.Count] = item;
            _message.Add(message);
        }

        /// <summary>The occurrences with their items numbered; the builder lets its hashes go.</summary>
        public (int[] Message, int[] Group, int GroupCount) Build()
        {
            var n = _message.Count;
            var order = new int[n];
            for (var i = 0; i < n; i++) order[i] = i;
            Array.Sort(_item, order, 0, n);
            var group = new int[n];
            var groups = 0;
            for (var i = 0; i < n; i++)
            {
                if (i > 0 && _item[i] != _item[i - 1]) groups++;
                group[order[i]] = groups;
            }
            _item = [];
            return (_message.Span.ToArray(), group, n == 0 ? 0 : groups + 1);
        }
    }
}
