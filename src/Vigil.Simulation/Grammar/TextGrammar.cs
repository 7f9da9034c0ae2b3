using System.Text;
using Vigil.Model;

namespace Vigil.Simulation.Grammar;

/// <summary>One hand-written pattern and the label every expansion of it carries.</summary>
internal sealed record TextTemplate(ContentCode Code, Target Target, Explicitness Explicitness, string Pattern);

/// <summary>
/// Expands templates such as <c>"{jews} control {institution}. {wake}"</c>: each <c>{slot}</c> is replaced by one of
/// its alternatives, which may hold slots of their own. The label belongs to the template, never to a slot, so a slot
/// must not change what a sentence does (a quotation slot inside a news report stays a quotation).
/// </summary>
internal sealed class TextGrammar : ITextSource
{
    private const int MaxDepth = 8;
    private readonly Dictionary<string, string[]> _slots;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _slotLookup;
    private readonly Dictionary<ContentCode, TextTemplate[]> _templates;
    private readonly Dictionary<TextTemplate, ContentLabel> _labels = [];
    private readonly StringBuilder _builder = new(256);

    public TextGrammar(IReadOnlyDictionary<string, string[]> slots, IEnumerable<TextTemplate> templates, TaxonomyTable taxonomy)
    {
        _slots = new Dictionary<string, string[]>(slots, StringComparer.Ordinal);
        _slotLookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        _templates = templates.GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var group in _templates.Values)
        {
            foreach (var template in group)
            {
                _labels[template] = taxonomy.Label(template.Code, template.Target, template.Explicitness);
                CheckSlots(template.Pattern, 0);
            }
        }
        Codes = [.. Enum.GetValues<ContentCode>().Where(_templates.ContainsKey)];
    }

    /// <summary>The built-in English grammar (<see cref="Templates"/>).</summary>
    public static TextGrammar CreateDefault() => new(Templates.Slots, Templates.All, TaxonomyTable.Default);

    public IReadOnlyList<ContentCode> Codes { get; }

    public LabelledText Draw(ContentCode code, SeededRandom random)
    {
        var candidates = _templates[code];
        var template = candidates[random.Next(candidates.Length)];
        _builder.Clear();
        Expand(template.Pattern, random);
        return new LabelledText(_builder.ToString(), _labels[template]);
    }

    /// <summary>Every template of a code, for tests that must see each one expand.</summary>
    public IReadOnlyList<TextTemplate> TemplatesOf(ContentCode code) => _templates.TryGetValue(code, out var t) ? t : [];

    private void Expand(ReadOnlySpan<char> pattern, SeededRandom random)
    {
        while (pattern.Length > 0)
        {
            var open = pattern.IndexOf('{');
            if (open < 0)
            {
                _builder.Append(pattern);
                return;
            }
            _builder.Append(pattern[..open]);
            var close = pattern[open..].IndexOf('}') + open;
            var alternatives = _slotLookup[pattern[(open + 1)..close]];
            Expand(alternatives[random.Next(alternatives.Length)], random);
            pattern = pattern[(close + 1)..];
        }
    }

    /// <summary>Fails at construction, not mid-run, on an unknown slot, an unclosed brace or a recursive slot.</summary>
    private void CheckSlots(string pattern, int depth)
    {
        if (depth > MaxDepth) throw new InvalidOperationException($"Grammar slots nest deeper than {MaxDepth}: '{pattern}'.");
        var rest = pattern.AsSpan();
        while (rest.IndexOf('{') is var open and >= 0)
        {
            var length = rest[open..].IndexOf('}');
            if (length < 0) throw new InvalidOperationException($"Unclosed slot in grammar pattern '{pattern}'.");
            var name = rest.Slice(open + 1, length - 1);
            if (!_slotLookup.TryGetValue(name, out var alternatives))
                throw new InvalidOperationException($"Grammar pattern '{pattern}' uses unknown slot '{name}'.");
            foreach (var alternative in alternatives) CheckSlots(alternative, depth + 1);
            rest = rest[(open + length + 1)..];
        }
    }
}
