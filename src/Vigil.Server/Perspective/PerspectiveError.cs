namespace Vigil.Server.Perspective;

/// <summary>A request Perspective would refuse, with its <c>errorType</c> (Google's error shape carries it); answered 400.</summary>
internal sealed class PerspectiveRequestException(string errorType, string message) : Exception(message)
{
    public const string CommentEmpty = "COMMENT_EMPTY";
    public const string CommentTooLong = "COMMENT_TOO_LONG";
    public const string NoRequestedAttributes = "NO_REQUESTED_ATTRIBUTES";
    public const string LanguageNotSupported = "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE";
    public const string InvalidRequest = "INVALID_REQUEST";

    public string ErrorType { get; } = errorType;
}
