namespace Vigil.Text;

/// <summary>
/// Splits a text into sentences as UTF-16 ranges of the original, so each can be scored on its own and shown where it
/// is (Perspective's span scores are per sentence). A sentence ends after <c>.</c>, <c>!</c> or <c>?</c> (and any run
/// of them) followed by white space, or at a line break; ranges are trimmed of white space and never empty.
/// </summary>
public static class SentenceSpans
{
    public static IReadOnlyList<(int Start, int End)> Split(ReadOnlySpan<char> text)
    {
        var spans = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var endsHere = c is '\n' or '\r'
                           || (c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!endsHere) continue;
            Add(text, start, i + 1, spans);
            start = i + 1;
        }
        Add(text, start, text.Length, spans);
        return spans;
    }

    private static void Add(ReadOnlySpan<char> text, int start, int end, List<(int, int)> spans)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) spans.Add((start, end));
    }
}
