using Vigil.Model;
using Vigil.Simulation;
using Vigil.Simulation.Grammar;

namespace Vigil.Tests.Simulation;

public sealed class TextGrammarTests
{
    private readonly TextGrammar _grammar = TextGrammar.CreateDefault();

    [Fact]
    public void The_grammar_produces_every_content_code()
    {
        Assert.Equal(Enum.GetValues<ContentCode>(), _grammar.Codes);
    }

    [Fact]
    public void Every_template_expands_fully_and_carries_the_consensus_the_taxonomy_gives_its_code()
    {
        var random = new SeededRandom(3);
        foreach (var code in _grammar.Codes)
        {
            for (var i = 0; i < 200; i++)
            {
                var drawn = _grammar.Draw(code, random);
                Assert.DoesNotContain('{', drawn.Text);
                Assert.DoesNotContain('}', drawn.Text);
                Assert.False(string.IsNullOrWhiteSpace(drawn.Text));
                Assert.Equal(code, drawn.Label.Code);
                Assert.Equal(TaxonomyTable.Default.Classify(code, drawn.Label.Target), drawn.Label.Consensus);
            }
        }
    }

    [Fact]
    public void Each_code_has_hundreds_of_distinct_texts_so_a_model_cannot_memorise_them()
    {
        var random = new SeededRandom(5);
        foreach (var code in _grammar.Codes)
        {
            var distinct = new HashSet<string>();
            for (var i = 0; i < 2000; i++) distinct.Add(_grammar.Draw(code, random).Text);
            Assert.True(distinct.Count >= 200, $"{Kebab.From(code)} gave only {distinct.Count} distinct texts");
        }
    }

    [Fact]
    public void Hateful_words_inside_reporting_and_counter_speech_do_not_make_the_post_hateful()
    {
        var random = new SeededRandom(9);
        var quoted = 0;
        foreach (var code in new[] { ContentCode.QuotationReporting, ContentCode.CounterSpeech })
        {
            for (var i = 0; i < 300; i++)
            {
                var drawn = _grammar.Draw(code, random);
                Assert.False(drawn.Label.IsHateful);
                Assert.Equal(ConsensusClass.ExemptContext, drawn.Label.Consensus);
                if (drawn.Text.Contains("Jews", StringComparison.Ordinal)) quoted++;
            }
        }
        Assert.True(quoted > 50);
    }

    [Fact]
    public void Coded_antisemitism_is_labelled_obfuscated_or_contextual()
    {
        var explicitness = _grammar.TemplatesOf(ContentCode.CodedAntisemitism).Select(t => t.Explicitness).ToHashSet();
        Assert.True(explicitness.IsSubsetOf([Explicitness.Obfuscated, Explicitness.Contextual]));
        Assert.Contains(Explicitness.Contextual, explicitness);
    }

    [Fact]
    public void A_grammar_with_an_unknown_slot_is_rejected_when_built()
    {
        var templates = new[] { new TextTemplate(ContentCode.None, Target.None, Explicitness.NotApplicable, "hello {nobody}") };
        var error = Assert.Throws<InvalidOperationException>(() =>
            new TextGrammar(new Dictionary<string, string[]>(), templates, TaxonomyTable.Default));
        Assert.Contains("nobody", error.Message);
    }

    [Fact]
    public void Paraphrases_differ_from_the_source_and_each_other_but_keep_most_words()
    {
        var random = new SeededRandom(21);
        const string source = "The banks and the media are run by the same people. Wake up and look at who owns them.";
        var taken = new HashSet<string>();
        var variants = Enumerable.Range(0, 12).Select(_ => Paraphraser.Rewrite(source, random, taken)).ToList();

        Assert.DoesNotContain(source, variants);
        Assert.Equal(variants.Count, variants.Distinct().Count());
        var sourceWords = Words(source);
        foreach (var variant in variants)
        {
            var words = Words(variant);
            var jaccard = (double)sourceWords.Intersect(words).Count() / sourceWords.Union(words).Count();
            Assert.True(jaccard >= 0.5, $"'{variant}' keeps too little of the source ({jaccard:F2})");
        }
    }

    private static HashSet<string> Words(string text) =>
        text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', '!')).ToHashSet();
}
