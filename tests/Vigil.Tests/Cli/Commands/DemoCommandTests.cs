using Vigil.Tests.Pipeline;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_runs_end_to_end_and_writes_a_report_that_reproduces()
    {
        var folder = Directory.CreateTempSubdirectory("vigil-demo-").FullName;
        try
        {
            Assert.Equal(0, Program.Main(["demo", "--out", folder, "--accounts", "300", "--days", "14", "--seed", "2"]));

            var report = Path.Combine(folder, "report");
            var html = File.ReadAllText(Path.Combine(report, "report.html"));
            Assert.Contains("Amplification", html);
            Assert.Contains("Enforcement", html);
            Assert.Contains("Against the simulator", html);
            Assert.Equal(0, Program.Main(["report", "--reproduce", report, "--db", Path.Combine(folder, "vigil.db")]));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Demo_refuses_bad_options_with_a_usage_error() =>
        Assert.Equal(2, Program.Main(["demo", "--accounts", "10"]));
}
