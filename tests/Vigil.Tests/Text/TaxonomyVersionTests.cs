using Vigil.Model;

namespace Vigil.Tests.Text;

/// <summary>The v1 → v2 changes documented in docs/TAXONOMY.md, and that v1 still reads as it did.</summary>
public sealed class TaxonomyVersionTests
{
    [Theory]
    [InlineData(ContentCode.ConspiracyControlTrope, Target.OtherProtectedGroup, ConsensusClass.AgreedAntisemitic, ConsensusClass.AgreedHate)]
    [InlineData(ContentCode.DualLoyalty, Target.OtherProtectedGroup, ConsensusClass.AgreedAntisemitic, ConsensusClass.AgreedHate)]
    [InlineData(ContentCode.NaziComparison, Target.JewsCollective, ConsensusClass.Contested, ConsensusClass.AgreedAntisemitic)]
    public void Version_2_corrects_target_specific_rows(ContentCode code, Target target, ConsensusClass v1, ConsensusClass v2)
    {
        Assert.Equal(v1, TaxonomyTable.Version1.Classify(code, target));
        Assert.Equal(v2, TaxonomyTable.Default.Classify(code, target));
    }

    [Fact]
    public void Comparing_israels_government_to_nazis_stays_contested() =>
        Assert.Equal(ConsensusClass.Contested, TaxonomyTable.Default.Classify(ContentCode.NaziComparison, Target.IsraelState));

    [Fact]
    public void Versions_are_named_for_citation()
    {
        Assert.Equal("taxonomy-v1", TaxonomyTable.Version1.Version);
        Assert.Equal("taxonomy-v2", TaxonomyTable.Default.Version);
    }

    [Fact]
    public void Apart_from_the_documented_rows_the_versions_agree()
    {
        (ContentCode, Target)[] changed =
        [
            (ContentCode.ConspiracyControlTrope, Target.OtherProtectedGroup),
            (ContentCode.DualLoyalty, Target.OtherProtectedGroup),
            (ContentCode.NaziComparison, Target.JewsCollective),
        ];
        foreach (var code in Enum.GetValues<ContentCode>())
        foreach (var target in Enum.GetValues<Target>())
        {
            if (changed.Contains((code, target))) continue;
            Assert.Equal(TaxonomyTable.Version1.Classify(code, target), TaxonomyTable.Default.Classify(code, target));
        }
    }
}
