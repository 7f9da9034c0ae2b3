using System.CommandLine;
using Vigil.Detection.Cascade;

namespace Vigil.Cli.Commands;

/// <summary>The two-stage detector's options, shared by <c>score</c>, <c>eval</c> and <c>functional</c>.</summary>
internal static class CascadeCli
{
    public static Option<ScoringMode> ModeOption() => new("--mode")
    {
        Description = "fast: the n-gram stage alone; cascade: the encoder too where the n-gram stage is unsure; encoder: the encoder on every row.",
        DefaultValueFactory = _ => CascadeOptions.DefaultMode,
    };

    public static Option<double> BandOption() => new("--band")
    {
        Description = "Cascade: a first-stage probability this close to its threshold goes to the encoder.",
        DefaultValueFactory = _ => CascadeOptions.DefaultBand,
    };

    public static string Name(ScoringMode mode) => mode.ToString().ToLowerInvariant();
}
