namespace Vigil.Ingest;

/// <summary>Thrown by a format parser when a record cannot be taken; the reason goes to the quarantine file.</summary>
internal sealed class InvalidRecordException(string reason) : Exception(reason);
