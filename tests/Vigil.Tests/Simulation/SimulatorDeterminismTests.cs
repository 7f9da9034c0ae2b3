using Vigil.Simulation;

namespace Vigil.Tests.Simulation;

public sealed class SimulatorDeterminismTests
{
    private static readonly string[] Files = ["accounts.jsonl", "posts.jsonl", "interactions.jsonl", "truth.json"];
    private static readonly SimulationOptions Small = new() { Seed = 11, Accounts = 300, Days = 10 };

    [Fact]
    public void Same_seed_and_options_write_the_same_bytes()
    {
        using var first = new SimulatedPlatform(Small);
        using var second = new SimulatedPlatform(Small);
        foreach (var file in Files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first.Directory, file))
                .AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second.Directory, file))), $"{file} differs between runs");
        }
    }

    [Fact]
    public void A_different_seed_writes_different_files()
    {
        using var first = new SimulatedPlatform(Small);
        using var other = new SimulatedPlatform(Small with { Seed = 12 });
        foreach (var file in Files)
        {
            Assert.False(File.ReadAllBytes(Path.Combine(first.Directory, file))
                .AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(other.Directory, file))), $"{file} is the same for two seeds");
        }
    }

    [Fact]
    public void Invalid_options_are_refused_before_anything_is_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vigil-sim-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<ArgumentException>(() => Simulator.Run(new SimulationOptions { Accounts = 10 }, directory));
        Assert.Contains("--accounts", error.Message);
        Assert.False(Directory.Exists(directory));
    }
}
