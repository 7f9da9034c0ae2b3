using System.CommandLine;
using Vigil.Detection;
using Vigil.Detection.Functional;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil functional</c>: runs the detector on the team's hand-written functional suite and prints the
/// per-functionality table; with <c>--doc</c> it also refreshes the results section of docs/FUNCTIONAL.md.
/// </summary>
internal static class FunctionalCommand
{
    public const string DefaultCasesPath = "tests/Vigil.Tests/Functional/cases";

    public static Command Create()
    {
        var cases = new Option<string>("--cases") { Description = "A case file, or a folder of *.tsv case files.", DefaultValueFactory = _ => DefaultCasesPath };
        var model = new Option<string?>("--model") { Description = "Detector model file; the built-in model when omitted." };
        var doc = new Option<string?>("--doc") { Description = "Markdown file whose functional-results section is rewritten (e.g. docs/FUNCTIONAL.md)." };
        var command = new Command("functional", "Run the detector on the functional test suite and report pass rates per functionality.")
            { cases, model, doc };
        command.SetAction(parse =>
        {
            var suite = FunctionalSuite.Load(parse.GetValue(cases)!);
            var report = suite.Run(DetectorFile.Load(parse.GetValue(model)));
            Console.Write(report.ToMarkdown());
            if (parse.GetValue(doc) is { } docPath) report.UpdateDocument(docPath);
            return ExitCodes.Success;
        });
        return command;
    }
}
