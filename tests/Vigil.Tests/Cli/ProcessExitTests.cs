using System.Text.RegularExpressions;

namespace Vigil.Tests.Cli;

/// <summary>
/// The <c>vigil</c> executable as a script or a scheduler sees it: a separate process, its exit code and all it writes
/// on stderr (in process, other tests' output could mix in). In the console collection with the other tests that write
/// to /dev/full: .NET locks a file it writes, and two writers of the device at once would fail on the lock, not the disk.
/// </summary>
[Collection("console")]
public sealed class ProcessExitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-process-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [DevFullFact]
    public void Score_onto_a_full_disk_exits_4_with_one_line_naming_the_write_and_no_stack_trace()
    {
        var input = Path.Combine(_folder, "in.csv");
        File.WriteAllLines(input, ["id,text", "1,the weather is nice today", "2,see you at the match"]);

        var (exit, stderr) = Vigil("score", "--in", input, "--out", "/dev/full");

        Assert.Equal(4, exit);
        Assert.Equal("vigil score: writing /dev/full: No space left on device\n", WithoutProgress(stderr));
    }

    [DevFullFact]
    public void Verbose_adds_the_stack_trace()
    {
        var input = Path.Combine(_folder, "in.csv");
        File.WriteAllLines(input, ["id,text", "1,the weather is nice today"]);

        var (exit, stderr) = Vigil("score", "--in", input, "--out", "/dev/full", "--verbose");

        Assert.Equal(4, exit);
        Assert.StartsWith("vigil score: writing /dev/full: No space left on device\nSystem.IO.IOException", WithoutProgress(stderr));
        Assert.Contains("   at ", stderr);
    }

    [Fact]
    public void A_parse_error_exits_2_not_1()
    {
        var (exit, stderr) = Vigil("stats", "--no-such-option");

        Assert.Equal(2, exit);
        Assert.Contains("--no-such-option", stderr);
    }

    /// <summary>Drops the "N rows scored" lines score prints every 2 s (on a loaded machine even for two rows).</summary>
    private static string WithoutProgress(string stderr) => Regex.Replace(stderr, @"^vigil score: [\d,]+ rows scored\n", "", RegexOptions.Multiline);

    private (int Exit, string Stderr) Vigil(params string[] args)
    {
        var (exit, _, stderr) = VigilProcess.Run(_folder, args);
        return (exit, stderr);
    }
}

/// <summary>A fact that writes to <c>/dev/full</c>, the device on which every write fails as on a full disk.</summary>
public sealed class DevFullFactAttribute : FactAttribute
{
    public DevFullFactAttribute()
    {
        if (!File.Exists("/dev/full")) Skip = "/dev/full (a device every write to fails) exists only on Linux.";
    }
}
