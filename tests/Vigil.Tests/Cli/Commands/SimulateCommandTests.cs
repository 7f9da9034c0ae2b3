using Vigil.Tests.Simulation;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

public sealed class SimulateCommandTests
{
    [Theory]
    [InlineData("--accounts", "5")]
    [InlineData("--start", "05/01/2026")]
    [InlineData("--rise-date", "2030-01-01")]
    [InlineData("--texts", "/nonexistent/texts.csv")]
    public void Bad_options_exit_with_the_usage_error_code_and_write_nothing(string option, string value)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-sim-" + Guid.NewGuid().ToString("N"));
        var exit = Program.Main(["simulate", "--out", directory, option, value]);
        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void A_good_run_exits_zero_and_writes_the_four_files()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-sim-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exit = Program.Main(["simulate", "--out", directory, "--accounts", "250", "--days", "3"]);
            Assert.Equal(0, exit);
            foreach (var file in new[] { "accounts.jsonl", "posts.jsonl", "interactions.jsonl", "truth.json" })
                Assert.True(new FileInfo(Path.Combine(directory, file)).Length > 0, file);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
