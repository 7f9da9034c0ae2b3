namespace Vigil.Ingest;

/// <summary>A record set aside: where it was, why, and its text as read (invalid UTF-8 shown as U+FFFD).</summary>
public sealed record Rejection(string Source, long Line, string Reason, string Raw);
