using System.CommandLine;
using Vigil.Cli.Commands;

namespace Vigil.Cli;

/// <summary>
/// The <c>vigil</c> command. Each subcommand lives in its own file under Commands/ and is a thin host over the engine.
/// Exit codes: 0 success, 1 the run finished but set records aside, 2 usage or input errors.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Vigil: detect, attribute, act on and measure antisemitism and identity hate.");
        root.Subcommands.Add(TaxonomyCommand.Create());
        root.Subcommands.Add(MeasureCommand.Create());
        return root;
    }
}
