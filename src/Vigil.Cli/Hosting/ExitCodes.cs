namespace Vigil.Cli.Hosting;

/// <summary>
/// What a <c>vigil</c> process tells a script or a scheduler. Every command ends through <see cref="CommandRunner"/>,
/// which is the only place exceptions become one of these.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The run finished but some records were quarantined or skipped.</summary>
    public const int RecordsSetAside = 1;
    /// <summary>The command line or an input was wrong; nothing was done that needs undoing.</summary>
    public const int UsageOrInputError = 2;
    /// <summary>Something that must match does not: a tampered decision log, a report that no longer reproduces.</summary>
    public const int IntegrityFailure = 3;
    /// <summary>An unexpected failure: a database that cannot be opened or written, a full disk, a bug.</summary>
    public const int InternalError = 4;
    /// <summary>Stopped by Ctrl+C or SIGTERM before it finished (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
