using System.Globalization;
using Vigil.Model;

namespace Vigil.Enforcement;

/// <summary>A stretch of a post's text, and the evidence feature it is part of (null: plain text).</summary>
public readonly record struct TextSegment(string Text, string? Feature);

/// <summary>
/// Evidence spans as a decision's payload keeps them, <c>feature@start+length</c> (UTF-16 offsets into the original text),
/// and the text cut at them so a reviewer sees which words moved the verdict.
/// </summary>
public static class LoggedEvidence
{
    internal static string Format(EvidenceSpan span) =>
        $"{span.Feature}@{span.Start.ToString(CultureInfo.InvariantCulture)}+{span.Length.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The spans that parse; a malformed entry (a hand-edited log) is skipped rather than failing a page.</summary>
    public static IReadOnlyList<EvidenceSpan> Parse(IReadOnlyList<string>? logged)
    {
        var spans = new List<EvidenceSpan>();
        foreach (var entry in logged ?? [])
        {
            var at = entry.LastIndexOf('@');
            var plus = entry.LastIndexOf('+');
            if (at < 0 || plus < at) continue;
            if (int.TryParse(entry.AsSpan(at + 1, plus - at - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var start) &&
                int.TryParse(entry.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                spans.Add(new EvidenceSpan(start, length, entry[..at], 0));
        }
        return spans;
    }

    /// <summary>
    /// <paramref name="text"/> cut into plain and evidence segments, in order, covering it exactly once. Overlapping spans
    /// keep only what the earlier one did not cover; spans past the end of the text are clipped to it.
    /// </summary>
    public static IReadOnlyList<TextSegment> Segments(string text, IReadOnlyList<EvidenceSpan> spans)
    {
        var ordered = spans.Where(s => s.Length > 0 && s.Start < text.Length && s.Start >= 0).OrderBy(s => s.Start).ToList();
        var segments = new List<TextSegment>();
        var at = 0;
        foreach (var span in ordered)
        {
            var end = Math.Min(text.Length, span.Start + span.Length);
            if (end <= at) continue;
            var start = Math.Max(at, span.Start);
            if (start > at) segments.Add(new TextSegment(text[at..start], null));
            segments.Add(new TextSegment(text[start..end], span.Feature));
            at = end;
        }
        if (at < text.Length) segments.Add(new TextSegment(text[at..], null));
        return segments;
    }
}
