namespace Vigil.DecisionLog;

/// <summary>What a decision can be about.</summary>
public enum SubjectKind
{
    Post,
    Account,
}

/// <summary>
/// What a decision, review, strike or label is about: a post or an account, by its platform id. Code passes this type;
/// the log stores and hashes its text form (<see cref="ToString"/>: <c>post:ID</c>, <c>account:ID</c>), which exports
/// and existing logs depend on and which therefore never changes.
/// </summary>
public readonly record struct DecisionSubject(SubjectKind Kind, string Id)
{
    private const string PostPrefix = "post:";
    private const string AccountPrefix = "account:";

    public static DecisionSubject Post(string postId) => new(SubjectKind.Post, postId);

    public static DecisionSubject Account(string accountId) => new(SubjectKind.Account, accountId);

    public bool IsPost => Kind == SubjectKind.Post;

    /// <summary>The stored form, as the decision log spells it.</summary>
    public override string ToString() => (Kind == SubjectKind.Post ? PostPrefix : AccountPrefix) + Id;

    /// <summary>Reads the stored form; false for any other text (a tampered or foreign log).</summary>
    public static bool TryParse(string? text, out DecisionSubject subject)
    {
        if (text is not null && text.StartsWith(PostPrefix, StringComparison.Ordinal) && text.Length > PostPrefix.Length)
        {
            subject = Post(text[PostPrefix.Length..]);
            return true;
        }
        if (text is not null && text.StartsWith(AccountPrefix, StringComparison.Ordinal) && text.Length > AccountPrefix.Length)
        {
            subject = Account(text[AccountPrefix.Length..]);
            return true;
        }
        subject = default;
        return false;
    }

    /// <summary>Reads the stored form of the subject of event <paramref name="eventId"/>.</summary>
    /// <exception cref="InvalidDataException">The text is neither <c>post:ID</c> nor <c>account:ID</c>.</exception>
    internal static DecisionSubject Parse(string text, string eventId) =>
        TryParse(text, out var subject)
            ? subject
            : throw new InvalidDataException($"decision log event '{eventId}': subject '{text}' is neither post:ID nor account:ID.");
}
