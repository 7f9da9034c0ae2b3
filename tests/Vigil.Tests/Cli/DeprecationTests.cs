namespace Vigil.Tests.Cli;

/// <summary>Old spellings work for one release and say on stderr what to write instead.</summary>
public sealed class DeprecationTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    [Theory]
    [InlineData("--in", "{inputs}", "--db", "{dir}/new.db")]
    [InlineData("{inputs}", "--db", "{dir}/old.db")]
    public void Policy_apply_reads_its_input_both_ways(params string[] args)
    {
        var (exit, errors) = Run(["policy", "apply", .. args]);

        Assert.Equal(0, exit);
        Assert.Equal(args[0] != "--in", errors.Contains("vigil policy apply: giving INPUT without an option is deprecated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("measure validate", "--labels", "--labels-per-sample", "measure", "validate", "--replications", "2", "--posts", "1000", "--search-replications", "0")]
    [InlineData("ingest", "--format", "--input-format", "ingest", "--in", "{inputs}", "--db", "{dir}/ingest.db")]
    public void An_old_option_name_still_works_with_a_note(string command, string old, string instead, params string[] args)
    {
        var value = old == "--labels" ? "10" : "vigil";

        var (exit, errors) = Run([.. args, old, value]);

        Assert.InRange(exit, 0, 1);
        Assert.Contains($"vigil {command}: {old} is deprecated and goes in the next release; use {instead}.", errors);
        var (_, quiet) = Run([.. args, instead, value]);
        Assert.DoesNotContain("deprecated", quiet);
    }

    private (int Exit, string Errors) Run(string[] args)
    {
        var (exit, _, stderr) = VigilProcess.Run(workspace.Folder, workspace.Resolve(args));
        return (exit, stderr);
    }
}
