namespace Vigil.Ingest;

/// <summary>
/// A whole input is unusable (missing file, undetectable format, CSV header without a required column): unlike a bad
/// record, this stops the run, since going on would quarantine every line for the same reason.
/// </summary>
public sealed class IngestException(string message) : Exception(message);
