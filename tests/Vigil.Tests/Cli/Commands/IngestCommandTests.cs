using Vigil.Tests.Ingest;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

/// <summary>The command's contract: exit codes and where the quarantine file goes.</summary>
public sealed class IngestCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Db => Path.Combine(_folder, "cli.db");

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Ingest", "Fixtures", name);

    [Fact]
    public void Quarantined_records_exit_1_and_land_beside_the_database()
    {
        Assert.Equal(1, Program.Main(["ingest", "--in", Fixture("jetstream.jsonl"), "--db", Db]));
        Assert.Equal(3, File.ReadAllLines(Db + ".quarantine.jsonl").Length);
        Assert.Equal(0, Program.Main(["stats", "--db", Db]));
    }

    [Fact]
    public void A_clean_file_exits_0_and_again_when_re_ingested()
    {
        var clean = Path.Combine(_folder, "clean.jsonl");
        File.WriteAllLines(clean, File.ReadLines(Fixture("vigil.jsonl")).Take(8));

        Assert.Equal(0, Program.Main(["ingest", "--in", clean, "--db", Db]));
        Assert.Equal(0, Program.Main(["ingest", "--in", clean, "--input-format", "vigil", "--db", Db]));
        Assert.False(File.Exists(Db + ".quarantine.jsonl"));
    }

    [Theory]
    [InlineData("ingest", "--in", "missing.jsonl")]
    [InlineData("ingest", "--in", "{fixture}", "--input-format", "yaml")]
    [InlineData("ingest", "--in", "{fixture}", "--map", "id")]
    [InlineData("ingest")]
    [InlineData("stats")]
    public void Usage_and_input_errors_exit_2(params string[] args)
    {
        var resolved = args.Select(a => a == "{fixture}" ? Fixture("vigil.jsonl") : a).Concat(["--db", Db]).ToArray();

        Assert.Equal(2, Program.Main(resolved));
    }
}
