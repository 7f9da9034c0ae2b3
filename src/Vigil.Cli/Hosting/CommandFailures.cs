namespace Vigil.Cli.Hosting;

/// <summary>
/// A failure a command has recognised and phrased for its user; <see cref="CommandRunner"/> prints the message after
/// the command's name and exits with <see cref="ExitCode"/>.
/// </summary>
internal abstract class CommandFailure(string message, int exitCode, Exception? inner) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The command line or an input is wrong (exit 2).</summary>
internal sealed class UsageException(string message, Exception? inner = null)
    : CommandFailure(message, ExitCodes.UsageOrInputError, inner);

/// <summary>Something that must match does not: a tampered log, a report that no longer reproduces (exit 3).</summary>
internal sealed class IntegrityException(string message) : CommandFailure(message, ExitCodes.IntegrityFailure, null);
