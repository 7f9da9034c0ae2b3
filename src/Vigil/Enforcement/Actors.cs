namespace Vigil.Enforcement;

/// <summary>
/// A named human reviewer. Every API that puts a removal or geo-restriction into effect takes one, so the only way to
/// get there is to name a person; the log records them as <c>human:ID</c>, which the engine's own actor never is.
/// </summary>
public sealed record HumanReviewer
{
    public const string IdRule = "A reviewer id must be a non-empty token without ':' or spaces.";

    public HumanReviewer(string id)
    {
        if (!IsValidId(id)) throw new ArgumentException(IdRule, nameof(id));
        Id = id;
    }

    public static bool IsValidId(string id) => !string.IsNullOrWhiteSpace(id) && !id.Contains(':') && !id.Any(char.IsWhiteSpace);

    public string Id { get; }
    public string Actor => Actors.HumanPrefix + Id;
}

/// <summary>How actors are spelt in the log.</summary>
internal static class Actors
{
    public const string HumanPrefix = "human:";
    public const string EnginePrefix = "engine:";
    public const string UserPrefix = "user:";

    public static bool IsHuman(string actor) => actor.StartsWith(HumanPrefix, StringComparison.Ordinal) && actor.Length > HumanPrefix.Length;
}

/// <summary>A request the decision log's current state does not allow (second appeal, closed window, no such decision...).</summary>
public sealed class EnforcementException(string message) : InvalidOperationException(message);
