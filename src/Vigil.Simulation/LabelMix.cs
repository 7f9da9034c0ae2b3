using Vigil.Model;

namespace Vigil.Simulation;

/// <summary>
/// How often each content code appears, split into hateful and non-hateful codes so the simulator can first decide
/// whether a post is hateful (the planted base rate and rise) and then what kind of post it is. Codes the text source
/// cannot produce are left out and the remaining weights keep their proportions.
/// </summary>
internal sealed class LabelMix
{
    private static readonly (ContentCode Code, double Weight)[] Weights =
    [
        (ContentCode.ConspiracyControlTrope, 22), (ContentCode.CodedAntisemitism, 12), (ContentCode.CollectiveBlame, 10),
        (ContentCode.Dehumanization, 8), (ContentCode.HolocaustDistortion, 7), (ContentCode.HolocaustDenial, 5),
        (ContentCode.DualLoyalty, 6), (ContentCode.ClassicTropeAppliedToIsrael, 6), (ContentCode.AntisemiticSlur, 5),
        (ContentCode.IncitementViolence, 3), (ContentCode.OtherGroupHate, 16),
        (ContentCode.None, 80), (ContentCode.IsraelPolicyCriticism, 5), (ContentCode.PalestinianRightsAdvocacy, 4),
        (ContentCode.BoycottAdvocacy, 1.2), (ContentCode.NaziComparison, 0.8), (ContentCode.DenialOfSelfDetermination, 1),
        (ContentCode.CounterSpeech, 2.5), (ContentCode.QuotationReporting, 3), (ContentCode.Education, 2.5),
    ];

    private readonly ITextSource _source;
    private readonly bool[] _available = new bool[Enum.GetValues<ContentCode>().Length];
    private readonly ContentCode[] _hatefulCodes;
    private readonly double[] _hatefulCumulative;
    private readonly ContentCode[] _otherCodes;
    private readonly double[] _otherCumulative;

    public LabelMix(ITextSource source, TaxonomyTable taxonomy)
    {
        _source = source;
        var hateful = new List<(ContentCode, double)>();
        var other = new List<(ContentCode, double)>();
        foreach (var code in source.Codes) _available[(int)code] = true;
        foreach (var (code, weight) in Weights)
        {
            if (!_available[(int)code]) continue;
            var consensus = taxonomy.Classify(code, LabelledTextFile.TypicalTarget(code));
            (consensus is ConsensusClass.AgreedAntisemitic or ConsensusClass.AgreedHate ? hateful : other).Add((code, weight));
        }
        (_hatefulCodes, _hatefulCumulative) = Cumulate(hateful);
        (_otherCodes, _otherCumulative) = Cumulate(other);
    }

    public LabelledText Draw(bool hateful, SeededRandom random) => hateful
        ? _source.Draw(_hatefulCodes[random.PickCumulative(_hatefulCumulative)], random)
        : _source.Draw(_otherCodes[random.PickCumulative(_otherCumulative)], random);

    /// <summary>A post of the given code when the source has it, else an ordinary non-hateful post.</summary>
    public LabelledText DrawCode(ContentCode code, SeededRandom random) =>
        _available[(int)code] ? _source.Draw(code, random) : Draw(hateful: false, random);

    private static (ContentCode[], double[]) Cumulate(List<(ContentCode Code, double Weight)> weights)
    {
        if (weights.Count == 0) throw new InvalidOperationException("The text source has no codes of a needed kind.");
        var codes = new ContentCode[weights.Count];
        var cumulative = new double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            codes[i] = weights[i].Code;
            total += weights[i].Weight;
            cumulative[i] = total;
        }
        return (codes, cumulative);
    }
}
