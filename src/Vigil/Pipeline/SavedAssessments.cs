using Vigil.Model;
using Vigil.Scratch;

namespace Vigil.Pipeline;

/// <summary>
/// Every assessment detection saved, in the order it saved them, kept for the policy stage in scratch files: a fixed-size
/// row per assessment (numbers, the label's four values, repeated strings as numbers) and its evidence spans beside. At
/// ten million posts, reading the assessments back from SQLite (a b-tree walk, fifteen columns, the labels parsed from
/// their names, the evidence from JSON) took most of the policy stage; these rows are read back a block at a time.
/// </summary>
/// <remarks>
/// What comes back equals what the store would return: the same numbers (SQLite keeps doubles exactly, and evidence
/// JSON writes them in round-trip form), the same strings, in the same order, which is the order the posts were read.
/// </remarks>
internal sealed class SavedAssessments : IDisposable
{
    private const int RowsPerRead = 16_384;
    private const byte HatefulFlag = 1, AntisemiticFlag = 2, LanguageSupportedFlag = 4;

    private readonly ScratchFile<Row> _rows = new();
    private readonly ScratchFile<EvidenceRow> _evidence = new();
    private readonly StringNumbers _strings = new();

    public long Count => _rows.Count;

    /// <summary>Adds the assessment of the post numbered <paramref name="post"/> in the scan.</summary>
    public void Add(int post, Assessment assessment)
    {
        var evidenceBefore = _evidence.Count;
        foreach (var span in assessment.Evidence)
            _evidence.Add(new EvidenceRow(span.Start, span.Length, _strings.Of(span.Feature), span.Weight));
        var label = assessment.Label;
        _rows.Add(new Row
        {
            Post = post, EvidenceCount = checked((ushort)(_evidence.Count - evidenceBefore)),
            PHateful = assessment.PHateful, PAntisemitic = assessment.PAntisemitic, CodeConfidence = assessment.CodeConfidence,
            ModelVersion = Small(_strings.Of(assessment.ModelVersion)), TaxonomyVersion = Small(_strings.Of(assessment.TaxonomyVersion)),
            Language = Small(_strings.Of(assessment.Language)),
            Target = checked((byte)label.Target), Code = checked((byte)label.Code), Consensus = checked((byte)label.Consensus),
            Explicitness = checked((byte)label.Explicitness),
            Flags = (byte)((assessment.Hateful ? HatefulFlag : 0) | (assessment.Antisemitic ? AntisemiticFlag : 0)
                           | (assessment.LanguageSupported ? LanguageSupportedFlag : 0)),
        });
    }

    /// <summary>The assessments in the order they were added, each with its post's number; <paramref name="ids"/> names the posts.</summary>
    public IEnumerable<(int Post, Assessment Assessment)> Read(PostIdIndex ids)
    {
        var rows = new Row[(int)Math.Min(RowsPerRead, Math.Max(1, _rows.Count))];
        var evidence = Array.Empty<EvidenceRow>();
        long evidenceRead = 0;
        for (long start = 0; start < _rows.Count; start += rows.Length)
        {
            var count = (int)Math.Min(rows.Length, _rows.Count - start);
            _rows.Read(start, rows.AsSpan(0, count));
            // Rows keep their evidence in order, so a block's evidence follows the previous block's: one read for the block.
            var evidenceCount = 0;
            for (var i = 0; i < count; i++) evidenceCount += rows[i].EvidenceCount;
            if (evidence.Length < evidenceCount) evidence = new EvidenceRow[evidenceCount];
            _evidence.Read(evidenceRead, evidence.AsSpan(0, evidenceCount));
            evidenceRead += evidenceCount;
            for (int i = 0, at = 0; i < count; at += rows[i++].EvidenceCount)
                yield return (rows[i].Post, ToAssessment(rows[i], ids.IdOf(rows[i].Post), evidence.AsSpan(at, rows[i].EvidenceCount)));
        }
    }

    /// <summary>Versions and languages are a handful; a number past a row's field would mean they are not.</summary>
    private static ushort Small(int number) => number <= ushort.MaxValue ? (ushort)number
        : throw new InvalidOperationException($"more than {ushort.MaxValue:N0} distinct versions and languages among the assessments");

    public void Dispose()
    {
        _rows.Dispose();
        _evidence.Dispose();
    }

    private Assessment ToAssessment(in Row row, string postId, ReadOnlySpan<EvidenceRow> evidence)
    {
        var spans = evidence.IsEmpty ? [] : new EvidenceSpan[evidence.Length];
        for (var k = 0; k < evidence.Length; k++)
            spans[k] = new EvidenceSpan(evidence[k].Start, evidence[k].Length, _strings[evidence[k].Feature], evidence[k].Weight);
        return new Assessment
        {
            ModelVersion = _strings[row.ModelVersion], PostId = postId, TaxonomyVersion = _strings[row.TaxonomyVersion],
            PHateful = row.PHateful, Hateful = (row.Flags & HatefulFlag) != 0,
            PAntisemitic = row.PAntisemitic, Antisemitic = (row.Flags & AntisemiticFlag) != 0,
            Label = new ContentLabel((Target)row.Target, (ContentCode)row.Code, (ConsensusClass)row.Consensus, (Explicitness)row.Explicitness),
            CodeConfidence = row.CodeConfidence, Language = _strings[row.Language],
            LanguageSupported = (row.Flags & LanguageSupportedFlag) != 0, Evidence = spans,
        };
    }

    /// <summary>48 bytes an assessment.</summary>
    private struct Row
    {
        public double PHateful, PAntisemitic, CodeConfidence;
        public int Post;
        public ushort EvidenceCount, ModelVersion, TaxonomyVersion, Language;
        public byte Target, Code, Consensus, Explicitness, Flags;
    }

    private readonly record struct EvidenceRow(int Start, int Length, int Feature, double Weight);

    /// <summary>Each distinct string once, by number: versions, languages and evidence features repeat post after post.</summary>
    private sealed class StringNumbers
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _strings = [];

        public string this[int number] => _strings[number];

        public int Of(string value)
        {
            if (_numbers.TryGetValue(value, out var number)) return number;
            _numbers.Add(value, number = _strings.Count);
            _strings.Add(value);
            return number;
        }
    }
}
