using System.CommandLine;
using Vigil.Cli.Commands;
using Vigil.Postgres;
using Vigil.Storage;

namespace Vigil.Cli;

/// <summary>
/// The <c>vigil</c> command. Each subcommand lives in its own file under Commands/ and is a thin host over the engine;
/// every one ends through <see cref="CommandRunner"/>, which maps outcomes to exit codes: 0 success, 1 finished with
/// records set aside, 2 usage or input error, 3 integrity failure, 4 unexpected error.
/// </summary>
public static class Program
{
    /// <summary>Before any command runs (tests call <see cref="BuildRoot"/> without <see cref="Main"/>): --db may name PostgreSQL.</summary>
    static Program() => VigilDatabase.Register(PostgresBackend.Instance);

    public static int Main(string[] args) => CommandRunner.Run(BuildRoot(), args);

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Vigil: detect, attribute, act on and measure antisemitism and identity hate.");
        root.Options.Add(CommandRunner.VerboseOption());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(EncoderCommand.Create());
        root.Subcommands.Add(FunctionalCommand.Create());
        root.Subcommands.Add(TaxonomyCommand.Create());
        root.Subcommands.Add(BotsCommand.Create());
        root.Subcommands.Add(CoordinationCommand.Create());
        root.Subcommands.Add(PolicyCommand.Create());
        root.Subcommands.Add(ReviewCommand.Create());
        root.Subcommands.Add(AppealCommand.Create());
        root.Subcommands.Add(LogCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(MeasureCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        return root;
    }
}
