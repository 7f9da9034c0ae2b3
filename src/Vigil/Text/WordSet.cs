using System.Collections.Frozen;

namespace Vigil.Text;

/// <summary>A fixed set of words that can be probed with a span of text, so lookups in the hot path allocate nothing.</summary>
internal sealed class WordSet
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordSet(StringComparer comparer, params string[] words) =>
        _lookup = words.ToFrozenSet(comparer).GetAlternateLookup<ReadOnlySpan<char>>();

    public WordSet(params string[] words) : this(StringComparer.Ordinal, words) { }

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
}
