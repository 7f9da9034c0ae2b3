namespace Vigil.Detection;

/// <summary>
/// What a lexicon word (or a pattern such as an echo) signals. A word may carry several cues. Cues are both model
/// features and the inputs of the rule layer that picks code, target detail and explicitness.
/// </summary>
[Flags]
internal enum Cue : long
{
    None = 0,
    JewishReferent = 1L << 0,
    JewishInstitution = 1L << 1,
    IsraelReferent = 1L << 2,
    IsraeliReferent = 1L << 3,
    IsraelGovernment = 1L << 4,
    Government = 1L << 5,
    ZionistReferent = 1L << 6,
    OtherGroup = 1L << 7,
    Trope = 1L << 8,
    Control = 1L << 9,
    PowerDomain = 1L << 10,
    Coded = 1L << 11,
    Echo = 1L << 12,
    NumericCode = 1L << 13,
    Slur = 1L << 14,
    Dehumanization = 1L << 15,
    Violence = 1L << 16,
    Holocaust = 1L << 17,
    Denial = 1L << 18,
    DenialCoded = 1L << 19,
    Remembrance = 1L << 20,
    DualLoyalty = 1L << 21,
    BloodLibel = 1L << 22,
    Nazi = 1L << 23,
    ContestedFrame = 1L << 24,
    Boycott = 1L << 25,
    Palestine = 1L << 26,
    Policy = 1L << 27,
    MetaAntisemitism = 1L << 28,
    Counter = 1L << 29,
    Reporting = 1L << 30,
    Negation = 1L << 31,
    PositiveIdentity = 1L << 32,
    /// <summary>Set by the tokenizer, not the lexicon: the word stands inside quotation marks.</summary>
    Quoted = 1L << 33,
    /// <summary>Set by the tokenizer: the word is in the scope of a negation ("not", "don't", "never") just before it.</summary>
    Negated = 1L << 34,
    Blame = 1L << 35,
    /// <summary>A word saying something happened or exists ("happened", "gassed"); negated, it denies the event.</summary>
    Occurrence = 1L << 36,
    /// <summary>A word asserting a claim ("true", "believe", "evidence"); negated, the negation covers the whole clause.</summary>
    Assertion = 1L << 37,
    /// <summary>A word that turns a statement into a wish or a call ("should", "must", "let's", "hope").</summary>
    Call = 1L << 38,
    /// <summary>A word that sweeps a whole group in ("all", "every", "always", "the lot").</summary>
    Sweeping = 1L << 39,
    LangEn = 1L << 40,
    LangDe = 1L << 41,
    LangFr = 1L << 42,
    LangEs = 1L << 43,
    LangIt = 1L << 44,
    LangPt = 1L << 45,
    LangNl = 1L << 46,
    // Cues from here on feed only the rule layer, not the model (FeatureExtractor's mask stops at bit 40).
    /// <summary>Hidden-hand imagery ("puppets", "bankers", "cabal"): a trope only when said of Jews or a proxy.</summary>
    HiddenHand = 1L << 47,
    /// <summary>The Holocaust used against Jews: "exploit", "milk", "industry", "card", "hide behind".</summary>
    Distortion = 1L << 48,
    /// <summary>Everyday grievances set beside the Holocaust to belittle it ("masks", "vaccines", "lockdowns").</summary>
    Trivializing = 1L << 49,
    /// <summary>A word that likens one thing to another ("like", "the new", "the real", "no different").</summary>
    Comparison = 1L << 50,
    /// <summary>A dog whistle with no innocent reading ("the goyim know", "happy merchant", ZOG): a code, used as one.</summary>
    DogWhistle = 1L << 51,
    /// <summary>Mockery of the victims ("ovens", "showers", "lampshades") when said of Jews.</summary>
    Mockery = 1L << 52,
    /// <summary>Set by the lexicon, not written in it: the word starts a two-word phrase, so the pair is looked up.</summary>
    PhraseStart = 1L << 53,
    /// <summary>The Nazis as the perpetrators ("nazis", "gestapo"), not the adjective of a time or place ("Nazi Germany").</summary>
    Perpetrators = 1L << 54,
    /// <summary>A Polish function word, for the language guess (the other languages' cues sit with LangEn above).</summary>
    LangPl = 1L << 55,
}
