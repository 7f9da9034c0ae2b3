using Vigil.Model;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Measurement;

/// <summary>One annotator's label for one post: the consensus class of the taxonomy, from which every category follows.</summary>
public readonly record struct Annotation(string PostId, string Annotator, ConsensusClass Label);

/// <summary>Where the labels of sampled posts come from: annotators' files, the review queue, or the simulator's truth.</summary>
public interface ILabelSource
{
    /// <summary>Every annotation of the post, in a stable order; empty when nobody labelled it.</summary>
    IReadOnlyList<Annotation> For(string postId);
}

/// <summary>The categories a prevalence figure can be about, each a predicate on the resolved label.</summary>
public static class LabelCategories
{
    public const string Hateful = "hateful";
    public const string Antisemitic = "antisemitic";

    public static bool IsHateful(ConsensusClass label) => label is ConsensusClass.AgreedAntisemitic or ConsensusClass.AgreedHate;
    public static bool IsAntisemitic(ConsensusClass label) => label == ConsensusClass.AgreedAntisemitic;
}

/// <summary>
/// Turns several annotators' labels into one. The label most annotators gave wins; on a tie, the least severe of the tied
/// labels wins (neutral, protected political speech, exempt context, contested, agreed hate, agreed antisemitic, in that
/// order), so a post counts as hateful only when more annotators said so than said anything else — a tie never inflates
/// prevalence.
/// </summary>
public static class LabelResolution
{
    private static readonly ConsensusClass[] BySeverity =
    [
        ConsensusClass.Neutral, ConsensusClass.ProtectedPolitical, ConsensusClass.ExemptContext,
        ConsensusClass.Contested, ConsensusClass.AgreedHate, ConsensusClass.AgreedAntisemitic,
    ];

    /// <returns>The resolved label, or null when there is no annotation; <paramref name="tied"/> says a tie was broken.</returns>
    public static ConsensusClass? Resolve(IReadOnlyList<Annotation> annotations, out bool tied)
    {
        tied = false;
        if (annotations.Count == 0) return null;
        Span<int> votes = stackalloc int[BySeverity.Length];
        foreach (var a in annotations) votes[Array.IndexOf(BySeverity, a.Label)]++;
        var best = 0;
        for (var i = 1; i < votes.Length; i++)
        {
            if (votes[i] > votes[best]) { best = i; tied = false; }
            else if (votes[i] == votes[best] && votes[i] > 0) tied = true;
        }
        return BySeverity[best];
    }

    /// <summary>Krippendorff's alpha (nominal) over the consensus-class labels of posts labelled more than once.</summary>
    public static double Alpha(IEnumerable<IReadOnlyList<Annotation>> posts)
    {
        var units = new List<IReadOnlyList<ConsensusClass>>();
        foreach (var annotations in posts)
        {
            if (annotations.Count < 2) continue;
            var labels = new ConsensusClass[annotations.Count];
            for (var i = 0; i < labels.Length; i++) labels[i] = annotations[i].Label;
            units.Add(labels);
        }
        return Agreement.KrippendorffAlpha(units);
    }
}

/// <summary>Labels read from files, keyed by post id, each post's annotations in file order.</summary>
public sealed class AnnotationLabels : ILabelSource
{
    private readonly Dictionary<string, List<Annotation>> _byPost = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public IReadOnlyList<Annotation> For(string postId) => _byPost.TryGetValue(postId, out var list) ? list : [];

    public IReadOnlyCollection<string> PostIds => _byPost.Keys;

    public IEnumerable<IReadOnlyList<Annotation>> All => _byPost.Values;

    public void Add(Annotation annotation)
    {
        if (!_byPost.TryGetValue(annotation.PostId, out var list)) _byPost[annotation.PostId] = list = [];
        list.Add(annotation);
        Count++;
    }

    /// <summary>
    /// Reads either layout: rows of <c>post_id, annotator, label</c> (one row per annotator and post), or a filled task
    /// file, where every column whose name starts with <c>label</c> is one annotator (<c>label</c>, <c>label_alice</c>…).
    /// Labels are consensus classes in kebab-case (<c>agreed-antisemitic</c>, <c>neutral</c>…); empty cells are skipped.
    /// </summary>
    public static AnnotationLabels Read(TextReader reader, string source)
    {
        var labels = new AnnotationLabels();
        using var records = LabelsCsv.Read(reader, source).GetEnumerator();
        if (!records.MoveNext()) throw new LabelsFormatException(source, 1, "the file is empty; expected a header line.");
        var header = records.Current;
        var postColumn = LabelsCsv.Column(header, "post_id", source);
        var annotatorColumn = Array.FindIndex(header.Fields, f => string.Equals(f.Trim(), "annotator", StringComparison.OrdinalIgnoreCase));
        var labelColumns = new List<(int Column, string Annotator)>();
        for (var i = 0; i < header.Fields.Length; i++)
        {
            var name = header.Fields[i].Trim();
            if (!name.StartsWith("label", StringComparison.OrdinalIgnoreCase)) continue;
            labelColumns.Add((i, name.Length > 6 ? name[6..] : "anonymous"));
        }
        if (labelColumns.Count == 0) throw new LabelsFormatException(source, header.Line, "no 'label' column in the header.");

        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.Length != header.Fields.Length)
                throw new LabelsFormatException(source, record.Line, $"{record.Fields.Length} fields where the header has {header.Fields.Length}.");
            var postId = record.Fields[postColumn].Trim();
            if (postId.Length == 0) throw new LabelsFormatException(source, record.Line, "empty post_id.");
            foreach (var (column, columnAnnotator) in labelColumns)
            {
                var text = record.Fields[column].Trim();
                if (text.Length == 0) continue;
                if (!Kebab.TryParse<ConsensusClass>(text, out var label))
                    throw new LabelsFormatException(source, record.Line,
                        $"'{text}' is not a consensus class (expected one of: {string.Join(", ", Enum.GetValues<ConsensusClass>().Select(Kebab.From))}).");
                var annotator = annotatorColumn >= 0 ? record.Fields[annotatorColumn].Trim() : columnAnnotator;
                labels.Add(new Annotation(postId, annotator.Length == 0 ? "anonymous" : annotator, label));
            }
        }
        return labels;
    }

    public static AnnotationLabels Read(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        return Read(reader, path);
    }

    /// <summary>Writes the canonical <c>post_id, annotator, label</c> layout, posts in ordinal id order.</summary>
    public void Write(TextWriter writer)
    {
        CsvFormat.WriteRow(writer, ["post_id", "annotator", "label"]);
        var ids = _byPost.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        foreach (var id in ids)
        foreach (var a in _byPost[id])
            CsvFormat.WriteRow(writer, [a.PostId, a.Annotator, Kebab.From(a.Label)]);
    }
}
