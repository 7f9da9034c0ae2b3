namespace Vigil.Detection;

/// <summary>
/// A cheap language guess from what tokenising already counted: the script of the letters, then function words and
/// the letters only one of the profiled languages writes. It only has to tell the languages the detector knows from
/// those it does not, and English text from the rest (the encoder reads English only), so English wins whenever the
/// evidence is thin.
/// </summary>
internal static class LanguageGuess
{
    public const string English = "en";
    private static readonly (Cue Cue, string Language)[] Profiles =
    [
        (Cue.LangDe, "de"), (Cue.LangFr, "fr"), (Cue.LangEs, "es"), (Cue.LangIt, "it"), (Cue.LangPt, "pt"), (Cue.LangNl, "nl"),
        (Cue.LangPl, "pl"),
    ];
    private static readonly int Polish = ProfileOf("pl"), Portuguese = ProfileOf("pt"), Spanish = ProfileOf("es"), German = ProfileOf("de");

    /// <summary>
    /// Languages the detector was trained on (see models/README.md for the quality to expect in each): text in them is
    /// scored. Text in any other language is returned unscored rather than scored as if it were English.
    /// </summary>
    internal static readonly string[] Scored = [English, "de", "es", "pt", "pl", "ar", "fr", "he"];

    public static bool IsScored(string language) => Array.IndexOf(Scored, language) >= 0;

    /// <summary>Every cue that votes for a language other than English.</summary>
    private static readonly Cue OtherLanguages = UnionOfProfiles();

    public static string Guess(TextWorkspace text)
    {
        if (text.OtherScriptLetters > text.LatinLetters) return text.OtherScriptLanguage;
        var source = text.Source;
        var firstAccented = source.IndexOfAnyInRange(TextWorkspace.FirstAccentedLatin, TextWorkspace.LastAccentedLatin);
        // Most texts hold no other language's function word and no accented letter: no vote can then beat English.
        if ((text.Cues & OtherLanguages) == 0 && firstAccented < 0) return English;
        Span<int> votes = stackalloc int[Profiles.Length + 1];
        if (firstAccented >= 0)
        {
            foreach (var c in source[firstAccented..])
            {
                if (DistinctiveLetterProfile(c) is var p and >= 0) votes[p]++;
            }
        }
        for (var t = 0; t < text.TokenCount; t++)
        {
            var cues = text.TokenCues(t);
            if ((cues & Cue.LangEn) != 0) votes[Profiles.Length]++;
            for (var p = 0; p < Profiles.Length; p++)
            {
                if ((cues & Profiles[p].Cue) != 0) votes[p]++;
            }
        }
        var best = -1;
        for (var p = 0; p < Profiles.Length; p++)
        {
            if (votes[p] >= 2 && votes[p] > votes[Profiles.Length] && (best < 0 || votes[p] > votes[best])) best = p;
        }
        return best < 0 ? English : Profiles[best].Language;
    }

    /// <summary>
    /// Letters that, of the profiled languages, only one writes, each occurrence a vote like a function word's. Short
    /// Polish posts were guessed English for want of a function word the lexicon lists, although "będziesz" or "Żydzi"
    /// can only be Polish (docs/EVALUATION.md, "The language guess"). Letters several of them share (é, ç, ó) say nothing.
    /// </summary>
    private static int DistinctiveLetterProfile(char c) => char.ToLowerInvariant(c) switch
    {
        'ą' or 'ę' or 'ł' or 'ś' or 'ź' or 'ż' or 'ć' or 'ń' => Polish,
        'ã' or 'õ' => Portuguese,
        'ñ' => Spanish,
        'ß' or 'ä' or 'ö' or 'ü' => German,
        _ => -1,
    };

    private static int ProfileOf(string language) => Array.FindIndex(Profiles, p => p.Language == language);

    private static Cue UnionOfProfiles()
    {
        var union = Cue.None;
        foreach (var (cue, _) in Profiles) union |= cue;
        return union;
    }
}
