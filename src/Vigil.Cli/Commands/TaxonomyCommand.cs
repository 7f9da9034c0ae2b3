using System.CommandLine;
using Vigil.Model;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil taxonomy</c>: prints the consensus table in force, so reviewers can see what policy acts on.</summary>
internal static class TaxonomyCommand
{
    public static Command Create()
    {
        var format = ResultOutput.FormatOption();
        var command = new Command("taxonomy", "Print the content codes and the consensus class each maps to.") { format };
        command.SetAction(parse =>
        {
            var taxonomy = TaxonomyTable.Default;
            var table = new ResultTable("taxonomy", "code", "consensus class (target: Jews)") { Title = taxonomy.Version };
            foreach (var code in Enum.GetValues<ContentCode>())
                table.Add(Kebab.From(code), Kebab.From(taxonomy.Classify(code, Target.JewsCollective)));
            ResultOutput.For(parse, format).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
