using Vigil.Detection.Training;

namespace Vigil.Tests.Detection;

public sealed class CalibrationTests
{
    [Fact]
    public void Platt_fit_is_increasing_and_matches_observed_rates()
    {
        // Scores 0..9; the positive rate rises with the score, about 10% per step.
        var scores = new List<float>();
        var labels = new List<int>();
        for (var s = 0; s < 10; s++)
        {
            for (var i = 0; i < 100; i++)
            {
                scores.Add(s);
                labels.Add(i < s * 10 + 5 ? 1 : 0);
            }
        }
        var (scale, shift) = Calibrator.FitPlatt(scores, labels);
        Assert.True(scale > 0);
        double P(float s) => 1 / (1 + Math.Exp(-(scale * s + shift)));
        for (var s = 1; s < 10; s++) Assert.True(P(s) > P(s - 1));
        Assert.InRange(P(0), 0.0, 0.2);
        Assert.InRange(P(9), 0.8, 1.0);
    }

    [Fact]
    public void Threshold_separates_perfectly_separable_scores()
    {
        var scores = new List<float> { -3, -2, -1, 1, 2, 3 };
        var labels = new List<int> { 0, 0, 0, 1, 1, 1 };
        Calibrator.BestThreshold(scores, labels, 1, 0, out var f1);
        Assert.Equal(1.0, f1, 6);
    }
}
