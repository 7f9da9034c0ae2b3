namespace Vigil.Detection;

/// <summary>
/// A cheap language guess from what tokenising already counted: the script of the letters, then function words. It
/// only has to tell the languages the detector knows from those it does not, so English wins whenever the evidence is
/// thin.
/// </summary>
internal static class LanguageGuess
{
    public const string English = "en";
    private static readonly (Cue Cue, string Language)[] Profiles =
    [
        (Cue.LangDe, "de"), (Cue.LangFr, "fr"), (Cue.LangEs, "es"), (Cue.LangIt, "it"), (Cue.LangPt, "pt"), (Cue.LangNl, "nl"),
        (Cue.LangPl, "pl"),
    ];

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
        // Most texts hold no other language's function word at all: no vote can then beat English.
        if ((text.Cues & OtherLanguages) == 0) return English;
        Span<int> votes = stackalloc int[Profiles.Length + 1];
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

    private static Cue UnionOfProfiles()
    {
        var union = Cue.None;
        foreach (var (cue, _) in Profiles) union |= cue;
        return union;
    }
}
