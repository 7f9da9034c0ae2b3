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
        // Measured with vigil-detect-v3-s1: 84.1 % overall, 79.5 % of must-flag and 89.0 % of must-not-flag cases.
        // That is below the goal (90 %, no functionality under 70 %), which the doc reports; these floors,
        // just under the measurement, only catch a regression.
        var report = ShippedSuite.Suite.Run(Detector.LoadDefault());
        Assert.True(report.PassRate >= 0.83, report.ToMarkdown());
        Assert.True(report.MustFlag.PassRate >= 0.77, report.ToMarkdown());
        Assert.True(report.MustNotFlag.PassRate >= 0.88, report.ToMarkdown());
    }
}
