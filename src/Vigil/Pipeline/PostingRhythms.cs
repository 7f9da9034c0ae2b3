using System.Runtime.InteropServices;
using Vigil.Bots;
using Vigil.Model;
using Vigil.Scratch;

namespace Vigil.Pipeline;

/// <summary>
/// Every post's time and text key (<see cref="PostingBehaviour.Accumulator.TextKey"/>), by author, kept on disk while
/// the posts stream past: the part of each account's posting behaviour that grows with its posts (gaps between posts,
/// repeated texts; about 35 bytes a post in memory). Entries go to one of a few scratch files by author number, and are
/// read back one file at a time, so memory holds one file's share of the posts at the end and nothing before.
/// </summary>
internal sealed class PostingRhythms : IDisposable
{
    private const int Partitions = 16;
    private readonly ScratchFile<Entry>[] _parts = new ScratchFile<Entry>[Partitions];

    public PostingRhythms()
    {
        for (var k = 0; k < Partitions; k++) _parts[k] = new ScratchFile<Entry>();
    }

    public void Add(int author, Post post)
    {
        var key = PostingBehaviour.Accumulator.TextKey(post);
        _parts[author % Partitions].Add(new Entry(author, key is null ? 0 : 1, post.CreatedAt.UtcTicks, key ?? 0));
    }

    /// <summary>One account's times and text keys; both spans are the caller's to sort, valid during the call.</summary>
    public delegate void Rhythm(int author, Span<long> ticks, Span<ulong> textKeys);

    /// <summary>
    /// Calls <paramref name="rhythm"/> once for every author that has posts, one file at a time (authors in number order
    /// within a file); each file is deleted once read, so this runs once.
    /// </summary>
    public void ForEachAuthor(Rhythm rhythm)
    {
        var ticks = new long[16];
        var texts = new ulong[16];
        for (var k = 0; k < Partitions; k++)
        {
            var part = _parts[k];
            var entries = new Entry[part.Count];
            part.Read(0, entries);
            part.Dispose();
            var authors = new int[entries.Length];
            for (var i = 0; i < entries.Length; i++) authors[i] = entries[i].Author;
            Array.Sort(authors, entries);
            for (var start = 0; start < entries.Length;)
            {
                var end = start;
                var withText = 0;
                while (end < entries.Length && authors[end] == authors[start])
                    if (entries[end++].HasText != 0) withText++;
                if (ticks.Length < end - start) ticks = new long[Math.Max(end - start, 2 * ticks.Length)];
                if (texts.Length < withText) texts = new ulong[Math.Max(withText, 2 * texts.Length)];
                var t = 0;
                for (var i = start; i < end; i++)
                    if (entries[i].HasText != 0) texts[t++] = entries[i].TextKey;
                for (var i = start; i < end; i++) ticks[i - start] = entries[i].Ticks;
                rhythm(authors[start], ticks.AsSpan(0, end - start), texts.AsSpan(0, withText));
                start = end;
            }
        }
    }

    public void Dispose()
    {
        foreach (var part in _parts) part.Dispose();
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Entry(int Author, int HasText, long Ticks, ulong TextKey);
}
