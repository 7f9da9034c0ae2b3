using System.CommandLine;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Detection.Functional;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil functional</c>: runs the detector (in any scoring mode, the cascade by default as in <c>score</c>) on the
/// team's hand-written functional suite and prints the per-functionality table; with <c>--doc</c> it also refreshes the
/// results section of docs/FUNCTIONAL.md.
/// </summary>
internal static class FunctionalCommand
{
    public const string DefaultCasesPath = "tests/Vigil.Tests/Functional/cases";

    public static Command Create()
    {
        var cases = new Option<string>("--cases") { Description = "A case file, or a folder of *.tsv case files.", DefaultValueFactory = _ => DefaultCasesPath };
        var model = new Option<string?>("--model") { Description = "Detector model file; the built-in model when omitted." };
        var mode = CascadeCli.ModeOption();
        var band = CascadeCli.BandOption();
        var doc = new Option<string?>("--doc") { Description = "Markdown file whose functional-results section is rewritten (e.g. docs/FUNCTIONAL.md)." };
        var command = new Command("functional", "Run the detector on the functional test suite and report pass rates per functionality.")
            { cases, model, mode, band, doc };
        command.SetAction(parse =>
        {
            var suite = FunctionalSuite.Load(parse.GetValue(cases)!);
            using var detector = CascadeDetector.Create(DetectorFile.Load(parse.GetValue(model)),
                new CascadeOptions { Mode = parse.GetValue(mode), Band = parse.GetValue(band) });
            var report = suite.Run(detector);
            Console.Write(report.ToMarkdown());
            if (parse.GetValue(doc) is { } docPath) report.UpdateDocument(docPath);
            return ExitCodes.Success;
        });
        return command;
    }
}
