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
    // Packed ids and one label per post: a simulated platform of ten million posts costs about 250 MB here, not the
    // gigabytes a dictionary of strings would.
    private readonly PostIdIndex _ids = new();
    private readonly List<ConsensusClass> _labels = [];

    public OracleLabels(SimulationTruth truth)
    {
        foreach (var post in truth.Posts)
        {
            _ids.Add(post.Id);
            _labels.Add(post.Label.Consensus);
        }
        _ids.Seal();
    }

    private OracleLabels()
    {
    }

    /// <summary>The oracle of a truth file, read without the rest of the truth.</summary>
    public static OracleLabels Load(string truthPath)
    {
        var oracle = new OracleLabels();
        SimulationTruth.ReadPostLabels(truthPath, id => oracle._ids.Add(id), label => oracle._labels.Add(label.Consensus));
        oracle._ids.Seal();
        return oracle;
    }

    public IReadOnlyList<Annotation> For(string postId) =>
        _ids.Find(postId) is var p and >= 0 ? [new Annotation(postId, Annotator, _labels[p])] : [];
}
