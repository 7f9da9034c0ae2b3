namespace Vigil.Reporting.Transparency;

public sealed record TransparencyOptions
{
    /// <summary>The detector version whose assessments give the stratification scores.</summary>
    public required string ModelVersion { get; init; }
    /// <summary>First day of the period (inclusive); default the Monday of the first post's week.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Day after the period (exclusive); default the day after the last post.</summary>
    public DateOnly? To { get; init; }
    /// <summary>Labels per week and design: posts for the score-stratified sample, draws for the views-proportional one.</summary>
    public int SampleSize { get; init; } = 400;
    /// <summary>Base seed; each week's samples use a seed derived from it, the week and the design.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>"Did it change after this date?": weeks starting on or after it are compared with the weeks before.</summary>
    public DateOnly? ChangeDate { get; init; }
    public IReadOnlyList<double> StratumQuantiles { get; init; } = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99];
    public int MinimumPerStratum { get; init; } = 10;
    /// <summary>The policy version behind any enforcement section handed in; recorded in the manifest.</summary>
    public string? PolicyVersion { get; init; }
    /// <summary>Sections from other stages (amplification, enforcement), shown after the measurement sections.</summary>
    public IReadOnlyList<ReportSection> SuppliedSections { get; init; } = [];
}
