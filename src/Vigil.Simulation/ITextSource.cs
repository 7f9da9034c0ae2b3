using Vigil.Model;

namespace Vigil.Simulation;

/// <summary>A post text together with the label that is true of it.</summary>
internal readonly record struct LabelledText(string Text, ContentLabel Label);

/// <summary>Where simulated post texts come from: the built-in grammar or a labelled CSV file.</summary>
internal interface ITextSource
{
    /// <summary>The codes this source can produce; the simulator only asks for these.</summary>
    IReadOnlyList<ContentCode> Codes { get; }

    LabelledText Draw(ContentCode code, SeededRandom random);
}
