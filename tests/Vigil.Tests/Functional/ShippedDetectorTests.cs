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
        // Measured with vigil-detect-v4-s1: 88.8 % overall, 85.8 % of must-flag and 91.9 % of must-not-flag cases.
        // That is below the goal (90 %, no functionality under 70 %), which the doc reports; these floors,
        // just under the measurement, only catch a regression.
        var report = ShippedSuite.Suite.Run(Detector.LoadDefault());
        Assert.True(report.PassRate >= 0.88, report.ToMarkdown());
        Assert.True(report.MustFlag.PassRate >= 0.85, report.ToMarkdown());
        Assert.True(report.MustNotFlag.PassRate >= 0.91, report.ToMarkdown());
    }
}
