using Vigil.Measurement;
using Vigil.Model;

namespace Vigil.Simulation.Oracles;

/// <summary>
/// The simulator's truth standing in for annotators: how the method is validated end to end, since the true prevalence
/// of a simulated platform is known.
/// </summary>
public sealed class OracleLabels : ILabelSource
{
    public const string Annotator = "oracle";
    private readonly Dictionary<string, ConsensusClass> _truth;

    public OracleLabels(SimulationTruth truth)
    {
        _truth = new Dictionary<string, ConsensusClass>(truth.Posts.Count, StringComparer.Ordinal);
        foreach (var post in truth.Posts) _truth[post.Id] = post.Label.Consensus;
    }

    public IReadOnlyList<Annotation> For(string postId) =>
        _truth.TryGetValue(postId, out var label) ? [new Annotation(postId, Annotator, label)] : [];
}
