using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Vigil.Enforcement;
using Vigil.Ingest;
using Vigil.Measurement;

namespace Vigil.Cli.Hosting;

/// <summary>
/// Runs one <c>vigil</c> command line and turns whatever happened into an exit code, in this one place: a command
/// returns <see cref="ExitCodes.Success"/> or <see cref="ExitCodes.RecordsSetAside"/>, or throws. What it throws is
/// mapped here (<see cref="ExitCodeFor"/>), so a script or a scheduler can tell a partial success from bad input, from
/// a failed integrity check, from a crash. A failure is one line on stderr naming the command and what failed; the
/// stack trace of an unexpected one only under <c>--verbose</c>.
/// </summary>
internal static class CommandRunner
{
    public const string VerboseName = "--verbose";

    /// <summary>The global <c>--verbose</c> option; add it to the root command.</summary>
    public static Option<bool> VerboseOption() => new(VerboseName)
    {
        Description = "On an unexpected error (exit 4), also print its stack trace.",
        Recursive = true,
    };

    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine prints the errors and a hint; its own code (1) would read as "records set aside".
            parse.Invoke();
            return ExitCodes.UsageOrInputError;
        }
        var command = CommandName(parse.CommandResult);
        Deprecations.Report(parse, command, Console.Error);
        try
        {
            // On SIGTERM a command gets this long to end on its own (a worker commits its batch) before it is cut off with 143.
            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
            });
        }
        catch (Exception e)
        {
            return Report(e, DatabaseContext(parse, command, e), parse.GetValue<bool>(VerboseName), Console.Error);
        }
    }

    /// <summary>SQLite's messages ("database or disk is full") do not say which database: the command's --db does.</summary>
    private static string DatabaseContext(ParseResult parse, string command, Exception e) =>
        e is Microsoft.Data.Sqlite.SqliteException && parse.CommandResult.Command.Options.Any(o => o.Name == "--db")
            ? $"{command}: {parse.GetValue<string>("--db")}"
            : command;

    /// <summary>Writes the one line a failure gets (and the stack when asked for) and returns its exit code.</summary>
    /// <param name="context">What the line starts with: the command, and what it was working on when that is known.</param>
    internal static int Report(Exception exception, string context, bool verbose, TextWriter error)
    {
        var failure = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var code = ExitCodeFor(failure);
        var message = OneLine(failure.Message);
        // The type says what kind of bug it was when the message alone would not (a NullReferenceException's does not).
        if (code == ExitCodes.InternalError && failure is not (IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException))
            message = $"{message} ({failure.GetType().Name})";
        error.WriteLine($"{context}: {message}");
        if (verbose && code == ExitCodes.InternalError) error.WriteLine(failure);
        return code;
    }

    /// <summary>
    /// Input errors the engine signals with its own exception types are exit 2; anything not recognised here is an
    /// unexpected failure (exit 4), never disguised as bad input or as a partial success.
    /// </summary>
    internal static int ExitCodeFor(Exception failure) => failure switch
    {
        CommandFailure known => known.ExitCode,
        OperationCanceledException => ExitCodes.Interrupted,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.UsageOrInputError,
        // Readers of every input format (policy, labels, scores, messages) report a bad record as one of these, with
        // the file and line in the message.
        FormatException or InvalidDataException or JsonException or IngestException or LabelsFormatException => ExitCodes.UsageOrInputError,
        // A request the decision log's state refuses: an unknown decision, a second appeal, a closed window; a period
        // or a database with nothing in it to measure.
        EnforcementException or NothingToMeasureException => ExitCodes.UsageOrInputError,
        _ => ExitCodes.InternalError,
    };

    /// <summary>"vigil measure validate": the command as the user typed it, whatever the executable is called.</summary>
    internal static string CommandName(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
            if (c.Command is not RootCommand) names.Add(c.Command.Name);
        names.Add("vigil");
        names.Reverse();
        return string.Join(' ', names);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
