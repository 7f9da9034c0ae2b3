using System.CommandLine;
using Spectre.Console;
using Vigil.Model;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil taxonomy</c>: prints the consensus table in force, so reviewers can see what policy acts on.</summary>
internal static class TaxonomyCommand
{
    public static Command Create()
    {
        var command = new Command("taxonomy", "Print the content codes and the consensus class each maps to.");
        command.SetAction(_ =>
        {
            var table = TaxonomyTable.Default;
            var grid = new Table().Title($"[bold]{table.Version}[/]").AddColumns("code", "consensus class (target: Jews)");
            foreach (var code in Enum.GetValues<ContentCode>())
                grid.AddRow(Kebab.From(code), Kebab.From(table.Classify(code, Target.JewsCollective)));
            AnsiConsole.Write(grid);
            return ExitCodes.Success;
        });
        return command;
    }
}
