using Vigil.Tests.Bots;
using Vigil.Simulation.Oracles;
using Vigil.Bots;
using Vigil.Simulation;

namespace Vigil.Tests.Simulation.Oracles;

public sealed class SimulatedAccountsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-bots-sim-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Simulate(int seed)
    {
        var directory = Path.Combine(_root, $"seed{seed}");
        Simulator.Run(new SimulationOptions { Seed = seed, Accounts = 400, Days = 10 }, directory);
        return directory;
    }

    [Fact]
    public void Labels_come_from_the_truth_file_and_posting_accounts_get_behaviour()
    {
        var directory = Simulate(11);
        var truth = SimulationTruth.Load(Path.Combine(directory, "truth.json"));

        var set = SimulatedAccounts.Load(directory);

        Assert.Empty(set.SetAside);
        Assert.Equal(truth.Accounts.Count, set.Accounts.Count);
        Assert.Equal(truth.Accounts.Count(a => a.Bot), set.Accounts.Count(a => a.IsBot));
        Assert.Contains(set.Accounts, a => a.Behaviour is { Posts: > 1 });
    }

    [Fact]
    public void Behaviour_trained_on_one_seed_recovers_bots_on_another()
    {
        var train = SimulatedAccounts.Load(Simulate(21));
        var test = SimulatedAccounts.Load(Simulate(22));

        var folds = BotTraining.EvaluateSimulated(train, test, BotModel.Default, new BotTrainingOptions());

        Assert.Equal(["shipped-research", "sim-profile", "sim-profile+behaviour"], folds.Select(f => f.Protocol));
        Assert.Contains(folds[2].Features, BotFeatures.IsBehaviour);
        Assert.True(folds[2].Auc > 0.8, $"AUC {folds[2].Auc}");
    }

    [Fact]
    public void The_shipped_research_model_finds_planted_bots_on_a_platform_it_never_saw()
    {
        var platform = SimulatedAccounts.Load(Simulate(23));

        var fold = BotTraining.Test("simulated", BotModel.Default, platform);

        Assert.True(fold.Auc > 0.7, $"AUC {fold.Auc}");
        Assert.True(fold.AtThreshold.Recall > 0.4, $"recall {fold.AtThreshold.Recall}");
    }

    [Fact]
    public void A_folder_without_truth_is_named_in_the_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SimulatedAccounts.Load(_root));

        Assert.Contains("truth.json", error.Message);
    }
}
