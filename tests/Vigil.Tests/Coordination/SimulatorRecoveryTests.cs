using Vigil.Coordination;
using Vigil.Simulation;
using Xunit.Abstractions;

namespace Vigil.Tests.Coordination;

/// <summary>
/// End to end on the shared simulator (branch sim): its posts.jsonl through the Vigil reader, co-action networks,
/// clusters, scored against its truth.json clusters at the account level.
/// </summary>
public sealed class SimulatorRecoveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Simulated_coordinated_clusters_are_recovered(int seed)
    {
        var directory = Directory.CreateTempSubdirectory("vigil-coord-sim-").FullName;
        try
        {
            var simulation = Simulator.Run(new SimulationOptions { Seed = seed }, directory);
            var input = VigilPostsReader.Read(Path.Combine(directory, "posts.jsonl"));
            Assert.Empty(input.SetAside);
            var clusters = ClusterRecoveryTests.Cluster(input.Messages, similarity: 0.5);

            var truth = simulation.Truth.Clusters;
            var planted = truth.SelectMany(c => c.Members).ToHashSet();
            var reported = clusters.SelectMany(c => c.Members.Select(m => m.UserId)).ToHashSet();
            var precision = reported.Count == 0 ? 0 : (double)reported.Count(planted.Contains) / reported.Count;
            var recall = (double)planted.Count(reported.Contains) / planted.Count;
            var byKind = truth.GroupBy(c => c.Kind).ToDictionary(g => g.Key,
                g => (double)g.SelectMany(c => c.Members).Count(reported.Contains) / g.Sum(c => c.Members.Count));
            var summary = $"seed {seed}: {input.Messages.Count} posts, {truth.Count} planted clusters; precision {precision:F3}, " +
                          $"recall {recall:F3} ({reported.Count} reported, {planted.Count} planted); " +
                          string.Join(", ", byKind.Select(kv => $"{kv.Key} {kv.Value:F3}"));
            output.WriteLine(summary);
            foreach (var c in clusters)
                output.WriteLine($"  cluster {c.Id}: {c.Members.Count} members, {c.Members.Count(m => planted.Contains(m.UserId))} planted, " +
                                 $"density {c.Density:F2}, kinds {string.Join(";", c.Kinds.Select(k => $"{k.Kind}:{k.Weight}"))}");
            Assert.True(precision >= 0.95, summary);
            Assert.True(recall >= 0.95, summary);
            foreach (var (kind, kindRecall) in byKind) Assert.True(kindRecall >= 0.95, $"{kind}: {summary}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
