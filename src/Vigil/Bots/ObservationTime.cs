using Vigil.Model;

namespace Vigil.Bots;

/// <summary>When the accounts were observed, and what said so.</summary>
public readonly record struct Observation(DateTimeOffset At, string Source);

/// <summary>
/// The one rule every command uses for "as of when": account age, and every count in a profile, is taken at the
/// observation time, which is
/// <list type="number">
/// <item>the time the caller gives (<c>--as-of</c>: when the export was taken), else</item>
/// <item>the newest post in the data (an export holds posts up to the moment it was taken), else</item>
/// <item>now, for profiles with no posts and no stated time; only then does a re-run on another day score differently,
/// and the commands say so.</item>
/// </list>
/// </summary>
internal static class ObservationTime
{
    public static Observation Resolve(DateTimeOffset? asOf, IEnumerable<Post> posts, TimeProvider time)
    {
        if (asOf is { } given) return new Observation(given, "--as-of");
        DateTimeOffset? newest = null;
        foreach (var post in posts) if (newest is null || post.CreatedAt > newest) newest = post.CreatedAt;
        return Resolve(null, newest, time);
    }

    /// <param name="newestPost">The newest post's creation time, when the caller has already seen every post.</param>
    public static Observation Resolve(DateTimeOffset? asOf, DateTimeOffset? newestPost, TimeProvider time)
    {
        if (asOf is { } given) return new Observation(given, "--as-of");
        return newestPost is { } last
            ? new Observation(last, "the newest post in the data")
            : new Observation(time.GetUtcNow(), "now (no --as-of and no posts: ages will differ on another day)");
    }
}
