using Vigil.Detection;
using Vigil.Detection.Functional;

namespace Vigil.Tests.Functional;

/// <summary>
/// The shipped detector on the team's suite. The floors are what the model met when this test was written; they guard
/// against regressions, while docs/FUNCTIONAL.md carries the full table.
/// </summary>
public sealed class ShippedDetectorTests
{
    /// <summary>Set to 1 to rewrite the results section of docs/FUNCTIONAL.md from this run.</summary>
    private const string WriteDocVariable = "VIGIL_WRITE_FUNCTIONAL_DOC";

    private static readonly Lazy<FunctionalReport> Report = new(() => ShippedSuite.Suite.Run(Detector.LoadDefault()));

    [Fact]
    public void Shipped_detector_meets_its_recorded_floors()
    {
        // Measured with vigil-detect-v1-s1: 64.3 % overall, 61.2 % of must-flag and 67.6 % of must-not-flag cases.
        // Below the goal (90 %, no functionality under 70 %), which the doc reports; these floors only catch
        // a model that gets worse, and that no longer beats both trivial baselines (46.4 % and 49.0 %).
        var report = Report.Value;
        Assert.True(report.PassRate >= 0.60, report.ToMarkdown());
        Assert.True(report.MustFlag.PassRate >= 0.55, report.ToMarkdown());
        Assert.True(report.MustNotFlag.PassRate >= 0.60, report.ToMarkdown());
    }

    [Fact]
    public void Results_section_of_the_doc_is_rewritten_on_request()
    {
        if (Environment.GetEnvironmentVariable(WriteDocVariable) != "1") return;
        Report.Value.UpdateDocument(Path.Combine(RepositoryRoot(), "docs", "FUNCTIONAL.md"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Vigil.slnx above {AppContext.BaseDirectory}.");
    }
}
