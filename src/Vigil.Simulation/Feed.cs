using Vigil.Model;

namespace Vigil.Simulation;

/// <summary>A post before it has an id: ids follow time order, which is only known once every post exists.</summary>
internal struct PostDraft
{
    public long At;
    public int Author;
    public int Label;
    /// <summary>Draft index of the reposted post, or -1. A repost has no text and carries the original's label.</summary>
    public int RepostOf;
    public int ReplyTo;
    public string Text;
    public long Views;

    public readonly bool IsOriginal => RepostOf < 0;
}

internal readonly record struct InteractionDraft(long At, InteractionKind Kind, int Account, int Post);

/// <summary>Everything simulated so far, in creation order, with labels interned so a post carries a small index.</summary>
internal sealed class Feed
{
    private PostDraft[] _posts = new PostDraft[4096];
    private readonly Dictionary<ContentLabel, int> _labelIndex = [];
    private readonly List<ContentLabel> _labels = [];

    public int PostCount { get; private set; }
    public List<InteractionDraft> Interactions { get; } = new(4096);
    public IReadOnlyList<ContentLabel> Labels => _labels;

    public ref PostDraft Post(int index) => ref _posts[index];

    public ContentLabel LabelOf(int post) => _labels[_posts[post].Label];

    public int AddOriginal(long at, int author, string text, ContentLabel label, int replyTo = -1) =>
        Add(new PostDraft { At = at, Author = author, Label = Intern(label), RepostOf = -1, ReplyTo = replyTo, Text = text });

    /// <summary>Adds the repost both as a post (for co-retweet detection) and as a repost interaction.</summary>
    public int AddRepost(long at, int author, int original)
    {
        var repost = Add(new PostDraft
        {
            At = at, Author = author, Label = _posts[original].Label, RepostOf = original, ReplyTo = -1, Text = "",
        });
        Interactions.Add(new InteractionDraft(at, InteractionKind.Repost, author, original));
        return repost;
    }

    private int Add(in PostDraft draft)
    {
        if (PostCount == _posts.Length) Array.Resize(ref _posts, _posts.Length * 2);
        _posts[PostCount] = draft;
        return PostCount++;
    }

    private int Intern(ContentLabel label)
    {
        if (_labelIndex.TryGetValue(label, out var index)) return index;
        index = _labels.Count;
        _labels.Add(label);
        _labelIndex.Add(label, index);
        return index;
    }
}
