using Vigil.Model;

namespace Vigil.Tests.Model;

public sealed class TaxonomyTableTests
{
    [Theory]
    [InlineData(ContentCode.ConspiracyControlTrope, Target.JewsCollective, ConsensusClass.AgreedAntisemitic)]
    [InlineData(ContentCode.Dehumanization, Target.OtherProtectedGroup, ConsensusClass.AgreedHate)]
    [InlineData(ContentCode.NaziComparison, Target.IsraelState, ConsensusClass.Contested)]
    [InlineData(ContentCode.BoycottAdvocacy, Target.IsraelState, ConsensusClass.Contested)]
    [InlineData(ContentCode.IsraelPolicyCriticism, Target.IsraelState, ConsensusClass.ProtectedPolitical)]
    [InlineData(ContentCode.CounterSpeech, Target.JewsCollective, ConsensusClass.ExemptContext)]
    [InlineData(ContentCode.None, Target.None, ConsensusClass.Neutral)]
    public void Default_table_maps_codes_to_consensus_classes(ContentCode code, Target target, ConsensusClass expected) =>
        Assert.Equal(expected, TaxonomyTable.Default.Classify(code, target));

    [Fact]
    public void Every_code_has_a_row() =>
        Assert.All(Enum.GetValues<ContentCode>(), code => TaxonomyTable.Default.Classify(code, Target.None));

    [Fact]
    public void Parse_names_source_and_line_of_a_bad_row()
    {
        var text = "# header\nnone\t*\tneutral\nnot-a-code\t*\tneutral\n";
        var error = Assert.Throws<FormatException>(() => TaxonomyTable.Parse(new StringReader(text), "t.tsv", "t"));
        Assert.StartsWith("t.tsv:3:", error.Message);
    }

    [Theory]
    [InlineData(ContentCode.ClassicTropeAppliedToIsrael, "classic-trope-applied-to-israel")]
    [InlineData(ConsensusClass.AgreedAntisemitic, "agreed-antisemitic")]
    public void Kebab_round_trips<TEnum>(TEnum value, string kebab) where TEnum : struct, Enum
    {
        Assert.Equal(kebab, Kebab.From(value));
        Assert.True(Kebab.TryParse<TEnum>(kebab, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("ClassicTropeAppliedToIsrael")] // the member's own name, not its spelling in files
    [InlineData("classic-trope-applied-to-israel ")]
    [InlineData("classic--trope-applied-to-israel")]
    [InlineData("3")] // a number, even one that is a member's value
    [InlineData("999")]
    [InlineData("")]
    public void Kebab_refuses_anything_but_a_members_spelling(string text)
    {
        Assert.False(Kebab.TryParse<ContentCode>(text, out _));
        Assert.False(Kebab.TryParse<ContentCode>(text.AsSpan(), out _));
    }

    [Fact]
    public void Every_member_of_every_label_enum_round_trips_through_its_spelling()
    {
        static void RoundTrips<TEnum>() where TEnum : struct, Enum =>
            Assert.All(Enum.GetValues<TEnum>(), value =>
            {
                Assert.True(Kebab.TryParse<TEnum>(Kebab.From(value), out var parsed) && parsed.Equals(value));
                Assert.True(Kebab.TryParse<TEnum>(Kebab.From(value).AsSpan(), out var fromSpan) && fromSpan.Equals(value));
            });
        RoundTrips<ContentCode>();
        RoundTrips<Target>();
        RoundTrips<ConsensusClass>();
        RoundTrips<Explicitness>();
    }
}
