using Vigil.Amplification;
using Vigil.Bots;
using Vigil.Coordination;
using Vigil.Model;

namespace Vigil.Pipeline;

/// <summary>
/// What the amplifier stages need of every post, gathered while detection streams the posts past (one read of the
/// store serves both): dense post and account numbers, a few numbers per post, each author's posting behaviour and
/// the coordination engine's message table. Texts are read here and dropped, so memory grows by tens of bytes per post,
/// not by the posts themselves; what grows fastest and is needed only later (co-similar tokens, posting rhythms) waits
/// in scratch files (<see cref="Scratch.ScratchFile{T}"/>).
/// </summary>
/// <remarks>
/// Posts are numbered in the order the store streams them (by id). Accounts are numbered in the accounts table's
/// order, then any author or reposter the table lacks in the order first met; those have no followers and no bot score,
/// as when the stages looked them up by id.
/// </remarks>
internal sealed class PlatformScan : IAssessObserver, IDisposable
{
    private readonly Dictionary<string, int> _accountIndex = new(StringComparer.Ordinal);
    private readonly List<string> _accountIds = [];
    private readonly List<string> _handles = [];
    private readonly List<long> _followers = [];
    private readonly List<PostingBehaviour.Accumulator?> _behaviour = [];
    private readonly PostIdIndex _ids;
    private readonly List<int> _author;
    private readonly List<long> _createdMs;
    private readonly List<long> _views;
    /// <summary>For each post, -1 (original) or its rank among reposts, whose targets wait in <see cref="_repostTargets"/>.</summary>
    private readonly List<int> _repostRank;
    private readonly List<string> _repostTargets = [];
    private readonly Queue<int> _awaitingAssessment = new();
    private readonly List<PostCategory> _category;
    private readonly PostingRhythms _rhythms = new();
    private readonly SavedAssessments _assessments = new();
    private MessageTableBuilder? _messages;
    private DateTimeOffset? _newest;

    /// <param name="expectedPosts">How many posts the store holds, when it knows (0 otherwise): the per-post lists start
    /// at that size, instead of doubling up to it and holding up to twice what they need.</param>
    public PlatformScan(IReadOnlyList<Account> accounts, IReadOnlyCollection<CoordinationType> types, int minSimilarityTokens,
        int expectedPosts = 0)
    {
        _ids = new PostIdIndex(expectedPosts);
        _author = new List<int>(expectedPosts);
        _createdMs = new List<long>(expectedPosts);
        _views = new List<long>(expectedPosts);
        _repostRank = new List<int>(expectedPosts);
        _category = new List<PostCategory>(expectedPosts);
        foreach (var account in accounts)
        {
            var a = AccountIndex(account.Id);
            _handles[a] = account.Handle;
            _followers[a] = account.Followers;
        }
        _messages = new MessageTableBuilder(types, minSimilarityTokens, expectedPosts);
    }

    public void Post(Post post)
    {
        var p = _ids.Add(post.Id);
        var author = AccountIndex(post.AuthorId);
        _author.Add(author);
        _createdMs.Add(post.CreatedAt.ToUnixTimeMilliseconds());
        _views.Add(post.Views);
        _category.Add(PostCategory.Other);
        if (post.RepostOfId is { } target)
        {
            _repostRank.Add(_repostTargets.Count);
            _repostTargets.Add(target);
        }
        else
        {
            _repostRank.Add(-1);
            _awaitingAssessment.Enqueue(p);
        }
        (_behaviour[author] ??= new PostingBehaviour.Accumulator(keepRhythm: false)).Add(post);
        _rhythms.Add(author, post);
        if (_newest is null || post.CreatedAt > _newest) _newest = post.CreatedAt;
        _messages!.Add(post.Id, post.AuthorId, _handles[author], post.CreatedAt.ToUnixTimeMilliseconds() / 1000.0, post.RepostOfId,
            post.ReplyToId, post.Text, post.Urls);
    }

    /// <summary>Detection assesses the originals in the order they were streamed; each result names its post's category.</summary>
    public void Assessed(Assessment assessment)
    {
        if (!_awaitingAssessment.TryDequeue(out var p) || !_ids[p].SequenceEqual(assessment.PostId))
            throw new InvalidOperationException($"assessment of {assessment.PostId} arrived out of the order its posts were read in");
        _category[p] = new PostFlags(assessment.Hateful, assessment.Antisemitic).Category;
        _assessments.Add(p, assessment);
    }

    public ScannedPlatform Build()
    {
        _ids.Seal();
        var repostOf = new int[_repostRank.Count];
        for (var p = 0; p < repostOf.Length; p++)
        {
            var rank = _repostRank[p];
            repostOf[p] = rank < 0 ? AmplificationFrame.Original
                : _ids.Find(_repostTargets[rank]) is var target and >= 0 ? target : AmplificationFrame.Missing;
        }
        _repostTargets.Clear();
        _repostTargets.TrimExcess();
        _repostRank.Clear();
        _repostRank.TrimExcess();
        var messages = _messages!.Build();
        _messages = null;
        return new ScannedPlatform(this, Take(_author), Take(_createdMs), Take(_views), Take(_category), repostOf, messages);
    }

    /// <summary>Deletes the posting rhythms' and the assessments' scratch files (the message table's belong to the table).</summary>
    public void Dispose()
    {
        _rhythms.Dispose();
        _assessments.Dispose();
    }

    /// <summary>The list's items as an array, the list emptied at once so that at most one list and its copy coexist.</summary>
    private static T[] Take<T>(List<T> list)
    {
        var items = list.ToArray();
        list.Clear();
        list.TrimExcess();
        return items;
    }

    private int AccountIndex(string id)
    {
        if (_accountIndex.TryGetValue(id, out var a)) return a;
        a = _accountIds.Count;
        _accountIndex.Add(id, a);
        _accountIds.Add(id);
        _handles.Add(id);
        _followers.Add(0);
        _behaviour.Add(null);
        return a;
    }

    /// <summary>The scan, complete: lookups by id work, and the stages take their inputs from it.</summary>
    internal sealed class ScannedPlatform(PlatformScan scan, int[] author, long[] createdMs, long[] views, PostCategory[] category,
        int[] repostOf, MessageTable messages)
    {
        public PostIdIndex Ids => scan._ids;
        public IReadOnlyList<string> AccountIds => scan._accountIds;
        public DateTimeOffset? NewestPost => scan._newest;
        public string AuthorId(int post) => scan._accountIds[author[post]];
        public DateTimeOffset CreatedAt(int post) => DateTimeOffset.FromUnixTimeMilliseconds(createdMs[post]);
        public long Views(int post) => views[post];

        /// <summary>The assessments detection saved, in the order it saved them (the posts' order), each with its post's number.</summary>
        public IEnumerable<(int Post, Assessment Assessment)> Assessments() => scan._assessments.Read(scan._ids);
        private MessageTable? _messages = messages;

        public MessageTable Messages => _messages ?? throw new InvalidOperationException("the message table was let go once the clusters were found");

        /// <summary>
        /// Lets the message table go (the scan's largest part: every original's tokens): nothing after the clusters needs
        /// it, and attribution and the policy then run in what it held.
        /// </summary>
        public void ReleaseMessages()
        {
            _messages?.Dispose();
            _messages = null;
        }

        private PostingBehaviour?[]? _behaviours;

        /// <summary>
        /// The account's posting behaviour (null when it has no posts), handed over once. The first call reads every
        /// account's rhythm back from the scratch files; the accumulators are let go as their behaviours are made.
        /// </summary>
        public PostingBehaviour? TakeBehaviour(string accountId)
        {
            if (_behaviours is null)
            {
                var behaviours = new PostingBehaviour?[scan._accountIds.Count];
                scan._rhythms.ForEachAuthor((a, ticks, texts) =>
                {
                    behaviours[a] = scan._behaviour[a]!.Behaviour(ticks, texts);
                    scan._behaviour[a] = null;
                });
                _behaviours = behaviours;
            }
            if (!scan._accountIndex.TryGetValue(accountId, out var account)) return null;
            var behaviour = _behaviours[account];
            _behaviours[account] = null;
            return behaviour;
        }

        /// <summary>The attribution's input. Repost interactions are read here, in the store's order, after the reposts among the posts.</summary>
        public async Task<AmplificationFrame> AmplificationFrameAsync(IAsyncEnumerable<Interaction> interactions,
            IReadOnlyDictionary<string, BotScore> botScores, IReadOnlyList<CoordinatedCluster> clusters, CancellationToken ct)
        {
            var actPost = new List<int>();
            var actAccount = new List<int>();
            for (var p = 0; p < repostOf.Length; p++)
            {
                if (repostOf[p] == AmplificationFrame.Original) continue;
                actPost.Add(repostOf[p]);
                actAccount.Add(author[p]);
            }
            await foreach (var interaction in interactions.WithCancellation(ct))
            {
                if (interaction.Kind != InteractionKind.Repost) continue;
                var post = Ids.Find(interaction.PostId);
                actPost.Add(post >= 0 ? post : AmplificationFrame.Missing);
                actAccount.Add(scan.AccountIndex(interaction.AccountId));
            }

            var accounts = scan._accountIds.Count;
            var botScore = new double[accounts];
            var clustered = new bool[accounts];
            for (var a = 0; a < accounts; a++)
                botScore[a] = botScores.TryGetValue(scan._accountIds[a], out var score) ? score.PBot : double.NaN;
            foreach (var cluster in clusters)
                foreach (var member in cluster.Members)
                    if (scan._accountIndex.TryGetValue(member.UserId, out var a)) clustered[a] = true;

            var originals = new List<int>();
            for (var rank = 0; rank < repostOf.Length; rank++)
            {
                var p = Ids.AtOrdinalRank(rank);
                if (repostOf[p] == AmplificationFrame.Original) originals.Add(p);
            }
            return new AmplificationFrame
            {
                Author = author, Views = views, CreatedMs = createdMs, RepostOf = repostOf,
                Category = category, Followers = [.. scan._followers], BotScore = botScore, Clustered = clustered,
                ActPost = [.. actPost], ActAccount = [.. actAccount], Originals = [.. originals],
                PostId = Ids.IdOf, AccountId = a => scan._accountIds[a],
            };
        }
    }
}
