using Vigil.Model;

namespace Vigil.Detection;

/// <summary>
/// The layer over the model's probabilities that no data set could train: which code, which target in detail, how
/// explicit, and the two flagging rules that earned their place on held-out sets (<see cref="DetectorRules"/>). No data set labels codes, so these are hand-written rules over lexicon cues, ordered from the most to the
/// least specific reading. Flagged content only ever gets codes the taxonomy calls agreed antisemitic, so that
/// "antisemitic" and the consensus class never disagree.
/// </summary>
internal static class VerdictRules
{
    private const Cue CodedForms = Cue.Echo | Cue.Coded | Cue.DenialCoded;
    private const Cue AnyJewishReferent = Cue.JewishReferent | Cue.JewishInstitution | Cue.Echo;
    private const Cue IsraelAny = Cue.IsraelReferent | Cue.IsraeliReferent | Cue.IsraelGovernment | Cue.ZionistReferent;

    private const Cue TropeWords = Cue.Trope | Cue.HiddenHand | Cue.Control | Cue.Denial | Cue.DualLoyalty | Cue.BloodLibel | Cue.Blame | Cue.Coded
                                   | Cue.Distortion | Cue.DogWhistle;
    /// <summary>Words that name Jews or the usual proxies for them.</summary>
    private const Cue JewsOrProxy = Cue.JewishReferent | Cue.JewishInstitution | Cue.ZionistReferent | Cue.IsraeliReferent | Cue.Echo;

    /// <summary>
    /// Whether the text is about Jews, Israel or the Holocaust at all, by its words or by the target head. The
    /// antisemitism head was trained mostly on tweets that all concern Jews or Israel, so on other text it mistakes
    /// any hostility for antisemitism; without such a subject there is nothing for it to be antisemitic about.
    /// </summary>
    public static bool HasJewishSubject(Cue cues, bool targetHeadSaysJews) =>
        targetHeadSaysJews || (cues & (JewsOrProxy | Cue.IsraelReferent | Cue.IsraelGovernment | Cue.Holocaust | Cue.Trope | Cue.Coded
                                       | Cue.NumericCode | Cue.DenialCoded | Cue.DogWhistle | Cue.Slur)) != 0;

    /// <summary>Forms that have no innocent reading (echoes around a name, "holohoax"-type words): shown as coded evidence.</summary>
    public static bool IsUnambiguouslyCoded(Cue cues) => (cues & (Cue.Echo | Cue.DenialCoded)) != 0;

    /// <summary>
    /// A slur used (not quoted, and not in a text that names or reports antisemitism) is antisemitic whatever the
    /// statistics say: the data sets show too few of the rarer ones for the model to know them. A negation does not
    /// unsay it: "nobody wants a ‹slur› here" still uses the slur.
    /// (A wider rule for violence or dehumanisation words near "Jews" cost 0.016 macro-F1 on ISCA dev, where such words
    /// are as often in reports of attacks, so it is not used.)
    /// </summary>
    public static bool IsSlurSaidOutright(TextWorkspace text) =>
        ((text.PlainCues | text.NegatedCues) & Cue.Slur) != 0 && (text.Cues & (Cue.MetaAntisemitism | Cue.Reporting)) == 0;

    public static (ContentCode Code, Target Target, Explicitness Explicitness) Antisemitic(Cue cues, bool obfuscated, bool nearThreshold)
    {
        var code = cues switch
        {
            _ when (cues & Cue.DenialCoded) != 0 => ContentCode.HolocaustDenial,
            _ when (cues & Cue.Echo) != 0 => ContentCode.CodedAntisemitism,
            _ when (cues & Cue.Violence) != 0 => ContentCode.IncitementViolence,
            _ when Has(cues, Cue.Holocaust) && (cues & (Cue.Denial | Cue.Negation)) != 0 => ContentCode.HolocaustDenial,
            _ when (cues & Cue.Dehumanization) != 0 => ContentCode.Dehumanization,
            _ when (cues & Cue.Slur) != 0 => ContentCode.AntisemiticSlur,
            _ when (cues & (Cue.Distortion | Cue.Mockery)) != 0 && (cues & (Cue.Holocaust | Cue.JewishReferent)) != 0 => ContentCode.HolocaustDistortion,
            _ when (cues & (Cue.NumericCode | Cue.DogWhistle)) != 0 => ContentCode.CodedAntisemitism,
            _ when (cues & (Cue.Trope | Cue.HiddenHand)) != 0 || (Has(cues, Cue.Control) && Has(cues, Cue.PowerDomain)) => ContentCode.ConspiracyControlTrope,
            _ when (cues & Cue.Coded) != 0 => ContentCode.CodedAntisemitism,
            _ when (cues & Cue.DualLoyalty) != 0 => ContentCode.DualLoyalty,
            _ when (cues & Cue.BloodLibel) != 0 => ContentCode.ClassicTropeAppliedToIsrael,
            // Comparing Israel to the Nazis is contested in general; once the model calls the text antisemitic, the
            // reading that both reference texts share is Holocaust inversion.
            _ when (cues & (Cue.Nazi | Cue.Holocaust)) != 0 => ContentCode.HolocaustDistortion,
            _ => ContentCode.CollectiveBlame,
        };
        // Flagged as antisemitic means aimed at Jews (or a proxy): another group or none would change the consensus
        // class (taxonomy-v2 reads some codes aimed at other groups as ordinary hate).
        var target = DetailedTarget(cues) is var t && t is Target.None or Target.OtherProtectedGroup ? Target.JewsCollective : t;
        Explicitness explicitness;
        if (obfuscated || (cues & (CodedForms | Cue.NumericCode | Cue.DogWhistle)) != 0) explicitness = Explicitness.Obfuscated;
        else if (nearThreshold) explicitness = Explicitness.Ambiguous;
        else if ((cues & (AnyJewishReferent | Cue.Slur | Cue.ZionistReferent)) != 0) explicitness = Explicitness.Explicit;
        else explicitness = Explicitness.Contextual;
        return (code, target, explicitness);
    }

    public static (ContentCode Code, Target Target, Explicitness Explicitness) OtherHate(Cue cues, bool targetIsJews, bool obfuscated, bool nearThreshold)
    {
        var target = targetIsJews ? DetailedTarget(cues) : Target.OtherProtectedGroup;
        var explicitness = obfuscated ? Explicitness.Obfuscated
            : nearThreshold ? Explicitness.Ambiguous
            : Explicitness.Explicit;
        return (ContentCode.OtherGroupHate, target, explicitness);
    }

    /// <summary>Not flagged: say what the text does instead, so protected and exempt speech is recorded as such.</summary>
    public static (ContentCode Code, Target Target) NotFlagged(Cue cues, Cue negatedCues)
    {
        var target = DetailedTarget(cues);
        var aboutJewsOrIsrael = (cues & (AnyJewishReferent | IsraelAny)) != 0 || (cues & Cue.Holocaust) != 0;
        var code = cues switch
        {
            _ when Has(cues, Cue.MetaAntisemitism) && (cues & (Cue.Counter | Cue.Negation)) != 0 => ContentCode.CounterSpeech,
            _ when (negatedCues & TropeWords) != 0 && aboutJewsOrIsrael => ContentCode.CounterSpeech,
            _ when Has(cues, Cue.Reporting) && aboutJewsOrIsrael => ContentCode.QuotationReporting,
            _ when Has(cues, Cue.Quoted) && (cues & (Cue.Slur | Cue.Trope | Cue.MetaAntisemitism)) != 0 => ContentCode.QuotationReporting,
            _ when Has(cues, Cue.MetaAntisemitism) => ContentCode.CounterSpeech,
            _ when Has(cues, Cue.Holocaust) && (cues & (Cue.Remembrance | Cue.Negation)) != 0 => ContentCode.Education,
            _ when Has(cues, Cue.Boycott) && (cues & IsraelAny) != 0 => ContentCode.BoycottAdvocacy,
            _ when Has(cues, Cue.Nazi) && (cues & IsraelAny) != 0 => ContentCode.NaziComparison,
            _ when Has(cues, Cue.ContestedFrame) && (cues & Cue.Palestine) == 0 => ContentCode.DenialOfSelfDetermination,
            _ when Has(cues, Cue.IsraelGovernment) || (Has(cues, Cue.Policy) && (cues & IsraelAny) != 0) => ContentCode.IsraelPolicyCriticism,
            _ when Has(cues, Cue.Palestine) => ContentCode.PalestinianRightsAdvocacy,
            _ => ContentCode.None,
        };
        if (code == ContentCode.IsraelPolicyCriticism && target == Target.IsraeliPeople) target = Target.IsraelState;
        // Unflagged, a Nazi comparison is read as one of Israel or of "Zionists" (contested); aimed at Jews as a people
        // it would be agreed antisemitic, which only the flagged path may say.
        if (code == ContentCode.NaziComparison) target = (cues & Cue.ZionistReferent) != 0 ? Target.Zionists : Target.IsraelState;
        return (code, target);
    }

    private static Target DetailedTarget(Cue cues) => cues switch
    {
        _ when (cues & (Cue.JewishReferent | Cue.Echo)) != 0 => Target.JewsCollective,
        _ when (cues & Cue.JewishInstitution) != 0 => Target.JewishInstitution,
        _ when (cues & Cue.ZionistReferent) != 0 => Target.Zionists,
        _ when (cues & (Cue.IsraelReferent | Cue.IsraelGovernment)) != 0 => Target.IsraelState,
        _ when (cues & Cue.IsraeliReferent) != 0 => Target.IsraeliPeople,
        _ when (cues & Cue.OtherGroup) != 0 => Target.OtherProtectedGroup,
        _ => Target.None,
    };

    private static bool Has(Cue cues, Cue cue) => (cues & cue) != 0;
}
