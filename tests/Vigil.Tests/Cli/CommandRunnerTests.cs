using Microsoft.Data.Sqlite;
using Vigil.Cli.Hosting;
using Vigil.Enforcement;

namespace Vigil.Tests.Cli;

/// <summary>The one mapping from what a command threw to an exit code and a line on stderr.</summary>
public sealed class CommandRunnerTests
{
    private static (int Code, string Text) Report(Exception e, bool verbose = false)
    {
        var error = new StringWriter();
        var code = CommandRunner.Report(e, "vigil test", verbose, error);
        return (code, error.ToString());
    }

    private static Exception Thrown(Action act)
    {
        try { act(); }
        catch (Exception e) { return e; }
        throw new InvalidOperationException("nothing was thrown");
    }

    [Fact]
    public void A_bug_is_4_in_one_line_naming_its_type_with_the_stack_only_when_verbose()
    {
        string? missing = null;
        var bug = Thrown(() => _ = missing!.Length);

        var (code, text) = Report(bug);
        Assert.Equal(4, code);
        Assert.Equal("vigil test: Object reference not set to an instance of an object. (NullReferenceException)\n", text);

        var (_, verbose) = Report(bug, verbose: true);
        Assert.StartsWith("vigil test: Object reference", verbose);
        Assert.Contains("   at ", verbose);
    }

    [Fact]
    public void Environment_failures_are_4_without_a_type_name()
    {
        Assert.Equal((4, "vigil test: No space left on device\n"), Report(new IOException("No space left on device")));
        Assert.Equal((4, "vigil test: SQLite Error 13: 'database or disk is full'.\n"),
            Report(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13)));
        Assert.Equal(4, Report(new AggregateException(new UnauthorizedAccessException("Access to the path '/x' is denied."))).Code);
    }

    [Fact]
    public void Input_errors_are_2_and_a_message_over_several_lines_is_one()
    {
        Assert.Equal((2, "vigil test: in.csv:3: bad row. see the format\n"), Report(new FormatException("in.csv:3: bad row.\n  see the format")));
        Assert.Equal(2, Report(new FileNotFoundException("x.csv: no such file.")).Code);
        Assert.Equal(2, Report(new DirectoryNotFoundException("no folder")).Code);
        Assert.Equal(2, Report(new EnforcementException("no decision d1")).Code);
        Assert.Equal(2, Report(new UsageException("--size must be at least 1.")).Code);
        Assert.Equal(3, Report(new IntegrityException("TAMPERED")).Code);
        Assert.Equal(130, Report(new OperationCanceledException()).Code);
    }

    [Fact]
    public void A_generic_exception_is_never_taken_for_bad_input()
    {
        Assert.Equal(4, Report(new ArgumentException("a bug's argument")).Code);
        Assert.Equal(4, Report(new InvalidOperationException("a bug's state")).Code);
    }
}
