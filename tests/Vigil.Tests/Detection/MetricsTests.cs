using Vigil.Detection.Evaluation;

namespace Vigil.Tests.Detection;

public sealed class MetricsTests
{
    [Fact]
    public void Macro_f1_and_accuracy_follow_the_confusion_matrix()
    {
        // gold: 4 × class 0, 2 × class 1; one class-0 row predicted as 1.
        int[] gold = [0, 0, 0, 0, 1, 1];
        int[] predicted = [0, 0, 0, 1, 1, 1];
        var confidence = gold.Select(_ => (0.5, true)).ToList();
        var metrics = ClassificationMetrics.From("set", "task", ["no", "yes"], gold, predicted, confidence);
        Assert.Equal(5.0 / 6, metrics.Accuracy, 9);
        Assert.Equal(2.0 * 3 / (2 * 3 + 0 + 1), metrics.F1(0), 9);   // tp 3, fp 0, fn 1
        Assert.Equal(2.0 * 2 / (2 * 2 + 1 + 0), metrics.F1(1), 9);   // tp 2, fp 1, fn 0
        Assert.Equal((metrics.F1(0) + metrics.F1(1)) / 2, metrics.MacroF1, 9);
    }

    [Fact]
    public void Calibration_error_is_zero_when_rates_match_and_large_when_overconfident()
    {
        var matched = Enumerable.Range(0, 100).Select(i => (0.25, i % 4 == 0)).ToList();
        Assert.Equal(0, ClassificationMetrics.CalibrationError(matched), 9);
        var overconfident = Enumerable.Range(0, 100).Select(i => (0.95, i % 2 == 0)).ToList();
        Assert.Equal(0.45, ClassificationMetrics.CalibrationError(overconfident), 9);
    }
}
