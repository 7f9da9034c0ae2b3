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
        // Measured with vigil-detect-v5-s1-kd-vigil-encoder-v5.2 (stage 1 distilled from the encoder, chosen on dev splits
        // before the suite was run): 82.1 % overall, 75.3 % of must-flag and 89.0 % of must-not-flag cases (v5-s1
        // without distillation: 75.1 %; v4: 88.8 %, with ten rules fitted to this suite that cost held-out sets and were
        // dropped; docs/EVALUATION.md). Below the goal (90 %), which the doc reports; these floors, just under the
        // measurement, only catch a regression.
        var report = ShippedSuite.Suite.Run(Detector.LoadDefault());
        Assert.True(report.PassRate >= 0.81, report.ToMarkdown());
        Assert.True(report.MustFlag.PassRate >= 0.74, report.ToMarkdown());
        Assert.True(report.MustNotFlag.PassRate >= 0.88, report.ToMarkdown());
    }
}
