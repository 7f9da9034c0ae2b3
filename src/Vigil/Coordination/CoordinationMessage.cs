using Vigil.Model;

namespace Vigil.Coordination;

/// <summary>
/// One message as the coordination engine sees it: the row layout of the QUT coordination-network-toolkit, so that
/// results compare one for one with that tool. <see cref="Timestamp"/> is Unix seconds and may be fractional.
/// </summary>
public sealed record CoordinationMessage(
    string MessageId,
    string UserId,
    string Username,
    string? RepostId,
    string? ReplyId,
    string Text,
    double Timestamp,
    IReadOnlyList<string> Urls)
{
    public bool IsRepost => RepostId is not null;

    /// <summary>Maps Vigil posts: a repost carries its original's id, a reply its parent's id, urls as posted.</summary>
    internal static IEnumerable<CoordinationMessage> FromPosts(IEnumerable<Post> posts, Func<string, string>? usernameOf = null)
    {
        foreach (var post in posts) yield return FromPost(post, usernameOf?.Invoke(post.AuthorId) ?? post.AuthorId);
    }

    internal static CoordinationMessage FromPost(Post post, string username) => new(
        post.Id,
        post.AuthorId,
        username,
        post.RepostOfId,
        post.ReplyToId,
        post.Text,
        post.CreatedAt.ToUnixTimeMilliseconds() / 1000.0,
        post.Urls);
}
