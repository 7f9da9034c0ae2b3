namespace Vigil.Model;

/// <summary>Who or what the content is about. "Zionists" is kept apart because it is often a proxy for Jews.</summary>
public enum Target
{
    None,
    JewsCollective,
    JewishIndividual,
    JewishInstitution,
    IsraelState,
    IsraeliPeople,
    Zionists,
    OtherProtectedGroup,
}

/// <summary>
/// What the content does. Names follow the kebab-case codes in docs/TAXONOMY.md (e.g. <c>conspiracy-control-trope</c>);
/// <see cref="TaxonomyTable"/> maps each to its consensus class.
/// </summary>
public enum ContentCode
{
    /// <summary>Nothing relevant: ordinary chatter, neutral mentions.</summary>
    None,
    IncitementViolence,
    Dehumanization,
    ConspiracyControlTrope,
    CollectiveBlame,
    HolocaustDenial,
    HolocaustDistortion,
    DualLoyalty,
    ClassicTropeAppliedToIsrael,
    AntisemiticSlur,
    CodedAntisemitism,
    NaziComparison,
    DenialOfSelfDetermination,
    BoycottAdvocacy,
    IsraelPolicyCriticism,
    PalestinianRightsAdvocacy,
    CounterSpeech,
    QuotationReporting,
    Education,
    /// <summary>Slurs, dehumanisation or incitement aimed at a protected group other than Jews.</summary>
    OtherGroupHate,
}

/// <summary>Derived from the code (and target) by the versioned <see cref="TaxonomyTable"/>; policy acts on this.</summary>
public enum ConsensusClass
{
    /// <summary>No relevant content.</summary>
    Neutral,
    /// <summary>Both the IHRA working definition and the Jerusalem Declaration call it antisemitic.</summary>
    AgreedAntisemitic,
    /// <summary>Hate toward another protected group: outside IHRA/JDA, agreed under ordinary hate-speech standards.</summary>
    AgreedHate,
    /// <summary>The two reference texts disagree (anti-Zionism, Nazi comparisons of Israel, boycott advocacy).</summary>
    Contested,
    ProtectedPolitical,
    /// <summary>Counter-speech, reporting, quotation, education.</summary>
    ExemptContext,
}

public enum Explicitness
{
    NotApplicable,
    Explicit,
    /// <summary>Spelling tricks, symbols, numeric codes, echoes.</summary>
    Obfuscated,
    /// <summary>Meaning depends on context.</summary>
    Contextual,
    Ambiguous,
}

/// <summary>A complete label on the taxonomy's axes: what a human annotator, the simulator's truth, or a model says.</summary>
public sealed record ContentLabel(Target Target, ContentCode Code, ConsensusClass Consensus, Explicitness Explicitness)
{
    public bool IsAntisemitic => Consensus == ConsensusClass.AgreedAntisemitic;
    /// <summary>Hateful toward any protected group, Jews included.</summary>
    public bool IsHateful => Consensus is ConsensusClass.AgreedAntisemitic or ConsensusClass.AgreedHate;

    public static ContentLabel Neutral { get; } =
        new(Target.None, ContentCode.None, ConsensusClass.Neutral, Explicitness.NotApplicable);
}
