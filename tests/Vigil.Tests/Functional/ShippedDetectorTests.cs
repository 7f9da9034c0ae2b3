using Vigil.Detection;

namespace Vigil.Tests.Functional;

/// <summary>
/// The shipped detector on the team's suite. The floors guard against a model that gets worse; the full table lives in
/// docs/FUNCTIONAL.md (refresh it with <c>vigil functional --doc docs/FUNCTIONAL.md</c>).
/// </summary>
public sealed class ShippedDetectorTests
{
    [Fact]
    public void Shipped_detector_meets_its_recorded_floors()
    {
        // Measured with vigil-detect-v1-s1: 64.3 % overall, 61.2 % of must-flag and 67.6 % of must-not-flag cases.
        // That is below the goal (90 %, no functionality under 70 %), which the doc reports; these floors only
        // catch a regression, and a model that no longer beats both trivial baselines (46.4 % and 49.0 %).
        var report = ShippedSuite.Suite.Run(Detector.LoadDefault());
        Assert.True(report.PassRate >= 0.60, report.ToMarkdown());
        Assert.True(report.MustFlag.PassRate >= 0.55, report.ToMarkdown());
        Assert.True(report.MustNotFlag.PassRate >= 0.60, report.ToMarkdown());
    }
}
