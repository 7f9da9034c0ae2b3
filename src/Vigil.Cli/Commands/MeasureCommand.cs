using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Measurement;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil measure …</c>: sampling, labelling and validation of the prevalence method.</summary>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var command = new Command("measure", "Measure prevalence from a probability sample and human labels.");
        command.Subcommands.Add(CreateValidate());
        return command;
    }

    private static Command CreateValidate()
    {
        var replications = new Option<int>("--replications") { Description = "Samples drawn per design and prevalence.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the populations and the draws.", DefaultValueFactory = _ => 1 };
        var posts = new Option<int>("--posts") { Description = "Posts in each simulated population.", DefaultValueFactory = _ => 1_000_000 };
        var labels = new Option<int>("--labels") { Description = "Labels per sample for the coverage figures.", DefaultValueFactory = _ => 2000 };
        var separation = new Option<double>("--separation")
        {
            Description = "Quality of the simulated classifier as d′ (2.0 ≈ AUC 0.92, 2.5 ≈ 0.96, 3.0 ≈ 0.98).", DefaultValueFactory = _ => 2.5,
        };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the results table (Markdown) to this file." };
        var command = new Command("validate", "Check by simulation that the 95% intervals cover the true prevalence, and what precision costs.")
        {
            replications, seed, posts, labels, separation, output,
        };
        command.SetAction(parse =>
        {
            var options = new ValidationOptions
            {
                Replications = parse.GetValue(replications),
                Seed = parse.GetValue(seed),
                PopulationPosts = parse.GetValue(posts),
                LabelsPerSample = parse.GetValue(labels),
                ClassifierSeparation = parse.GetValue(separation),
            };
            if (options.Replications < 1 || options.PopulationPosts < 1000 || options.LabelsPerSample < 10)
            {
                Console.Error.WriteLine("vigil measure validate: --replications ≥ 1, --posts ≥ 1000 and --labels ≥ 10 are required.");
                return ExitCodes.UsageOrInputError;
            }
            var result = ValidationStudy.Run(options, new Progress<string>(step => Console.Error.WriteLine($"validate: {step}")));

            var table = new Table().AddColumns("true prevalence", "design", "measure", "coverage", "mean CI width", "rel. half-width", "labels for ±20%");
            foreach (var row in result.Rows)
            {
                table.AddRow(row.TruePrevalence.ToString("P1", CultureInfo.InvariantCulture), ValidationReport.Name(row.Design), row.Measure,
                    row.Coverage.ToString("P1", CultureInfo.InvariantCulture), row.MeanWidth.ToString("P3", CultureInfo.InvariantCulture),
                    row.MeanRelativeHalfWidth.ToString("P0", CultureInfo.InvariantCulture),
                    row.LabelsForTargetPrecision?.ToString("N0", CultureInfo.InvariantCulture) ?? "> population");
            }
            AnsiConsole.Write(table);
            if (parse.GetValue(output) is { } file) File.WriteAllText(file.FullName, result.ToMarkdown());
            return ExitCodes.Success;
        });
        return command;
    }
}
