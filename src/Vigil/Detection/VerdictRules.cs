using Vigil.Model;

namespace Vigil.Detection;

/// <summary>
/// The layer over the model's probabilities that no data set could train: which code, which target in detail, how
/// explicit. No data set labels codes, so these are hand-written rules over lexicon cues, ordered from the most to the
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
    private const Cue Attack = Cue.Slur | Cue.Dehumanization | Cue.Violence;
    /// <summary>Words that name Jews or the usual proxies for them.</summary>
    public const Cue JewsOrProxy = Cue.JewishReferent | Cue.JewishInstitution | Cue.ZionistReferent | Cue.IsraeliReferent | Cue.Echo;
    public const Cue AnyGroup = JewsOrProxy | Cue.OtherGroup;

    /// <summary>
    /// Whether the text is about Jews, Israel or the Holocaust at all, by its words or by the target head. The
    /// antisemitism head was trained mostly on tweets that all concern Jews or Israel, so on other text it mistakes
    /// any hostility for antisemitism; without such a subject there is nothing for it to be antisemitic about.
    /// </summary>
    public static bool HasJewishSubject(Cue cues, bool targetHeadSaysJews) =>
        targetHeadSaysJews || (cues & (JewsOrProxy | Cue.IsraelReferent | Cue.IsraelGovernment | Cue.Holocaust | Cue.Trope | Cue.Coded
                                       | Cue.NumericCode | Cue.DenialCoded | Cue.DogWhistle | Cue.Slur)) != 0;

    /// <summary>Forms that are antisemitic whatever the statistics say: echoes around a name, "holohoax"-type words.</summary>
    public static bool IsUnambiguouslyCoded(Cue cues) => (cues & (Cue.Echo | Cue.DenialCoded)) != 0;

    /// <summary>
    /// Talk about a trope rather than use of it: the trope's words negated ("Jews don't control the media"), named as
    /// antisemitism and condemned or reported, or quoted while the words outside the quote condemn or report. No
    /// exemption for a slur, dehumanisation or a threat said outright.
    /// </summary>
    public static bool IsExemptContext(TextWorkspace text)
    {
        var plain = text.PlainCues;
        if ((plain & Attack) != 0) return false;
        // Blame swept over a whole people, said outright, is not undone by a trope negated elsewhere in the text.
        if ((plain & (Cue.Blame | Cue.Sweeping)) == (Cue.Blame | Cue.Sweeping) && text.AreNear(Cue.Blame, JewsOrProxy | Cue.Sweeping, AttackReach))
            return false;
        if ((text.NegatedCues & TropeWords) != 0) return true;
        var all = text.Cues;
        var discussing = (all & Cue.MetaAntisemitism) != 0 && (all & (Cue.Counter | Cue.Reporting | Cue.Negation)) != 0;
        var quotingToCondemn = (text.QuotedCues & (TropeWords | Attack | JewsOrProxy)) != 0
                               && (plain & (Cue.Counter | Cue.Reporting | Cue.MetaAntisemitism)) != 0;
        return discussing || quotingToCondemn;
    }

    /// <summary>
    /// A slur used (not quoted, and not in a text that names or reports antisemitism) is antisemitic whatever the
    /// statistics say: the data sets show too few of the rarer ones for the model to know them. A negation does not
    /// unsay it: "nobody wants a ‹slur› here" still uses the slur.
    /// (A wider rule for violence or dehumanisation words near "Jews" cost 0.016 macro-F1 on ISCA dev, where such words
    /// are as often in reports of attacks, so it is not used.)
    /// </summary>
    public static bool IsSlurSaidOutright(TextWorkspace text) =>
        ((text.PlainCues | text.NegatedCues) & Cue.Slur) != 0 && (text.Cues & (Cue.MetaAntisemitism | Cue.Reporting)) == 0;

    /// <summary>
    /// A numeric code or a dog whistle used, not talked about: the normaliser only writes a numeric code where its
    /// context makes it one, and a dog whistle has no innocent reading; a text that names, condemns or reports
    /// antisemitism is explaining the code, not using it.
    /// </summary>
    public static bool IsCodeUsed(TextWorkspace text) =>
        (text.PlainCues & (Cue.NumericCode | Cue.DogWhistle)) != 0
        && (text.Cues & (Cue.MetaAntisemitism | Cue.Counter | Cue.Reporting)) == 0;

    /// <summary>Words that place a text in talk about hate, its reporting or its remembrance rather than in hate.</summary>
    private const Cue Discussing = Cue.MetaAntisemitism | Cue.Reporting | Cue.Remembrance;
    /// <summary>What is said about a group that makes a statement an attack on it.</summary>
    private const Cue AttackOnGroup = Cue.Dehumanization | Cue.Violence | Cue.Blame | Cue.DualLoyalty | Cue.BloodLibel;

    /// <summary>
    /// An attack stated outright on Jews or a proxy (and, for blood libel, on Israel): a dehumanising metaphor, a call
    /// to violence, collective blame, a dual-loyalty charge or a blood-libel trope, said plainly (not quoted, not
    /// negated) in a text that does not also discuss, report or remember. The data sets hold too few plain statements
    /// of these kinds for the model to learn them; the lexicon knows them.
    /// </summary>
    public static bool IsAttackStatedOutright(TextWorkspace text)
    {
        var all = text.Cues;
        var plain = text.PlainCues;
        if ((all & Discussing) != 0) return false;
        // A violent word is a call only with a wish or an order ("should", "let's"), and never inside talk of the
        // Holocaust, where "deported" and "killed" are history; blame is collective only when it sweeps the whole group
        // in; dual loyalty needs the other country named.
        var attack = plain & (Cue.Dehumanization | Cue.BloodLibel);
        if ((plain & Cue.Violence) != 0 && (plain & Cue.Call) != 0 && (all & Cue.Holocaust) == 0) attack |= Cue.Violence;
        // "Jews must answer for ...": a demand that the people pay is collective blame whoever is named as the cause.
        if ((plain & Cue.Call) != 0 && text.AreNear(Cue.Blame, JewsOrProxy, AttackReach) && text.AreNear(Cue.Call, JewsOrProxy, AttackReach)) return true;
        if ((plain & Cue.Blame) != 0 && (plain & Cue.Sweeping) != 0)
        {
            // "Jews collectively caused it and should repay it": the sweeping word may be what stands by the group.
            if (text.AreNear(Cue.Sweeping, JewsOrProxy, AttackReach)) return true;
            attack |= Cue.Blame;
        }
        // Dual loyalty names the other state, so the charge may stand a little further from the group than an insult.
        if ((plain & Cue.DualLoyalty) != 0 && (all & (Cue.IsraelReferent | Cue.IsraeliReferent | Cue.IsraelGovernment)) != 0
            && text.AreNear(Cue.DualLoyalty, Cue.JewishReferent | Cue.JewishInstitution | Cue.Echo, LoyaltyReach)) return true;
        if (attack == 0) return false;
        // The attack must be said of the group, not merely share a post with it: the attack word stands within a few
        // words of the group word ("Jews are vermin", "burn down the synagogue").
        if ((attack & ~Cue.BloodLibel) != 0 && text.AreNear(attack & ~Cue.BloodLibel, JewsOrProxy, AttackReach)) return true;
        return (attack & Cue.BloodLibel) != 0 && text.AreNear(Cue.BloodLibel, JewsOrProxy | IsraelAny, AttackReach);
    }

    /// <summary>How many words apart an attack word and the group it is said of may stand.</summary>
    private const int AttackReach = 5;
    /// <summary>How many words apart a denial word ("hoax") and the event's name may stand.</summary>
    private const int DenialReach = 8;
    /// <summary>How close after "no" / "never" the event's name stands when it is itself denied ("no gas chambers").</summary>
    private const int EventNegationReach = 2;
    /// <summary>How many words apart a dual-loyalty word and the Jews it is said of may stand.</summary>
    private const int LoyaltyReach = 8;
    /// <summary>How many words apart a mocking word ("ovens") and the Jews it is said of may stand: a short joke.</summary>
    private const int MockeryReach = 12;

    /// <summary>
    /// Holocaust denial in plain words: the Holocaust (or its camps) named with a word calling it invented, or with an
    /// event word negated ("never happened", "nobody was gassed"), in a text that does not discuss, report or remember.
    /// </summary>
    public static bool IsHolocaustDenied(TextWorkspace text)
    {
        if ((text.Cues & Discussing) != 0) return false;
        // The event negated outright ("there were no gas chambers") denies it as plainly as "it never happened".
        // The denial word must be said of the event ("the gas chambers are a hoax"), not of some propaganda beside it.
        if ((text.Cues & Cue.Holocaust) != 0)
            return text.AreNear(Cue.Denial, Cue.Holocaust, DenialReach) || (text.NegatedCues & Cue.Occurrence) != 0
                   || text.IsNegatedClosely(Cue.Holocaust, EventNegationReach);
        // Without the event's name: its victims denied and the denial called a myth ("no Jews were gassed, it's a myth").
        return (text.Cues & Cue.JewishReferent) != 0 && (text.NegatedCues & Cue.Occurrence) != 0 && (text.PlainCues & Cue.Denial) != 0;
    }

    /// <summary>
    /// Holocaust distortion in plain words (IHRA 5, JDA 5), in a text that does not discuss, report or remember: the
    /// Holocaust said to be exploited or hidden behind; an everyday grievance likened to it; Jews as a people likened to
    /// the Nazis (inversion; a comparison of Israel's policy is contested and is not this); or mockery of the victims
    /// said of Jews.
    /// </summary>
    public static bool IsHolocaustDistorted(TextWorkspace text)
    {
        var all = text.Cues;
        var plain = text.PlainCues;
        if ((all & Discussing) != 0) return false;
        if ((all & Cue.Holocaust) != 0 && (plain & Cue.Distortion) != 0) return true;
        if ((all & Cue.Holocaust) != 0 && (plain & Cue.Trivializing) != 0 && (plain & Cue.Comparison) != 0) return true;
        // "My exam felt like Auschwitz", "this tax is the real Holocaust": the event made a yardstick for a nuisance, in a
        // text about no people or state (Gaza likened to a camp is a contested comparison, not this).
        if ((all & (JewsOrProxy | IsraelAny | Cue.Palestine | Cue.OtherGroup | Cue.Nazi)) == 0
            && text.Precedes(Cue.Comparison, Cue.Holocaust, TrivializingReach)) return true;
        // Inversion needs the likening word, Jews named first (the subject likened, not Hitler's victims: "like Hitler
        // treated the Jews") and no word of the Nazis' crimes ("the Nazis murdered Jews" is history).
        if ((plain & Cue.Comparison) != 0 && (all & (Cue.Violence | Cue.Occurrence | Cue.Holocaust)) == 0
            && text.Precedes(Cue.JewishReferent | Cue.Echo, Cue.Perpetrators, InversionReach)) return true;
        // Mockery is a joke about the victims, not the history told with the camps or the Nazis named.
        return (all & (Cue.Holocaust | Cue.Nazi)) == 0 && text.AreNear(Cue.Mockery, Cue.JewishReferent | Cue.Echo, MockeryReach);
    }

    /// <summary>How many words before the Holocaust's name the likening word stands ("like Auschwitz", "the real Holocaust").</summary>
    private const int TrivializingReach = 2;

    /// <summary>How many words apart "Jews" and "Nazis" may stand in an inversion ("the Jews are the real Nazis").</summary>
    private const int InversionReach = 6;

    /// <summary>
    /// Contested or protected political speech about Israel, Zionism and Palestine (IHRA and JDA part, or agree it is
    /// protected): an apartheid or colonial framing, a boycott, a Nazi comparison of the state, opposition to Zionism the
    /// ideology, or advocacy for Palestinians, with no word for Jews as a people and nothing the two texts agree is
    /// antisemitic (no trope, code, attack, blame, denial or distortion).
    /// The detector's "antisemitic" means agreed antisemitic, so such a text is left to the contested code.
    /// </summary>
    public static bool IsContestedPoliticalSpeech(Cue cues)
    {
        const Cue contested = Cue.ContestedFrame | Cue.Boycott | Cue.Nazi | Cue.Palestine;
        const Cue people = Cue.JewishReferent | Cue.JewishInstitution | Cue.Echo | Cue.ZionistReferent;
        const Cue agreed = TropeWords | Attack | AttackOnGroup | Cue.DenialCoded | Cue.NumericCode | Cue.Holocaust
                           | Cue.Mockery | Cue.Slur;
        return (cues & contested) != 0 && (cues & (people | agreed)) == 0;
    }

    /// <summary>
    /// Whether any word of the text carries hostility the lexicon knows: a trope, code, attack, denial, blame, Nazi
    /// comparison or contested frame. A mention of Jews or Israel with none of these is, by its words, only a mention.
    /// </summary>
    public static bool HasHostileWords(Cue cues) =>
        (cues & (TropeWords | Attack | AttackOnGroup | Cue.Control | Cue.PowerDomain | Cue.DenialCoded | Cue.NumericCode
                 | Cue.Holocaust | Cue.Nazi | Cue.ContestedFrame | Cue.Echo | Cue.Mockery | Cue.Boycott)) != 0;

    /// <summary>
    /// Criticism of a state, its government or its policy, with no word for Jews as a people and no trope, code or
    /// attack: what the IHRA definition itself says is not antisemitic ("criticism of Israel similar to that levelled
    /// against any other country").
    /// </summary>
    public static bool IsGovernmentCriticism(Cue cues)
    {
        const Cue statecraft = Cue.IsraelGovernment | Cue.Government;
        const Cue people = Cue.JewishReferent | Cue.JewishInstitution | Cue.Echo | Cue.ZionistReferent;
        // Contested frames (apartheid, colonialism) and Nazi comparisons are left to the model: the IHRA examples name
        // them, and expert annotators label many such posts antisemitic.
        const Cue hostile = TropeWords | Attack | AttackOnGroup | Cue.Control | Cue.DenialCoded | Cue.NumericCode | Cue.Holocaust
                            | Cue.ContestedFrame | Cue.Nazi;
        return (cues & statecraft) != 0 && (cues & (people | hostile)) == 0;
    }

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
