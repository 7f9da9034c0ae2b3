using Vigil.Detection;
using Vigil.Detection.Training;

namespace Vigil.Tests.Detection;

/// <summary>
/// The context layer read straight from the tokenizer and the rules, without the model: negation scope, who a referent
/// points at, and the statement rules. Sentences are written for these tests.
/// </summary>
public sealed class ContextRuleTests
{
    private static TextWorkspace Load(string text)
    {
        var workspace = new TextWorkspace();
        workspace.Load(text);
        return workspace;
    }

    [Fact]
    public void A_negated_claim_negates_the_rest_of_its_clause()
    {
        // "control" is five words after "not": outside the three-word negation scope, inside the claim's clause.
        var claim = Load("it is not true that the jews secretly control the press");
        Assert.NotEqual(Cue.None, claim.NegatedCues & Cue.Control);
        Assert.Equal(Cue.None, claim.PlainCues & Cue.Control);

        var plain = Load("it is not fair. the jews secretly control the press");
        Assert.Equal(Cue.None, plain.NegatedCues & Cue.Control);
    }

    [Fact]
    public void Israeli_organs_of_state_are_the_government_not_the_people()
    {
        var cabinet = Load("the israeli cabinet voted for it");
        Assert.NotEqual(Cue.None, cabinet.Cues & Cue.IsraelGovernment);
        Assert.Equal(Cue.None, cabinet.Cues & Cue.IsraeliReferent);

        var people = Load("israeli families gathered at the beach");
        Assert.NotEqual(Cue.None, people.Cues & Cue.IsraeliReferent);
    }

    [Fact]
    public void Anti_zionist_is_a_stance_not_a_target()
    {
        Assert.Equal(Cue.None, Load("i am an anti-zionist activist").Cues & Cue.ZionistReferent);
        Assert.NotEqual(Cue.None, Load("the zionists met today").Cues & Cue.ZionistReferent);
    }

    [Fact]
    public void A_possessive_takes_the_cues_of_its_stem()
    {
        Assert.NotEqual(Cue.None, Load("netanyahu's plan").Cues & Cue.IsraelGovernment);
    }

    [Theory]
    [InlineData("jewish bankers are leeches on this nation", true)]
    [InlineData("the zionists should be hunted and killed", true)]
    [InlineData("all the jews are responsible for this", true)]
    // Far apart, the attack word is not said of the group.
    [InlineData("jews and muslims live side by side in this old city where we once saw leeches in the river", false)]
    // A violent word without a call is a report, not incitement.
    [InlineData("the jews were killed in the pogrom of 1905", false)]
    // Talk about the attack is not the attack.
    [InlineData("calling jews leeches is antisemitic", false)]
    // Negated.
    [InlineData("jews are not leeches", false)]
    public void Attacks_count_only_when_said_of_the_group_outright(string text, bool expected)
    {
        Assert.Equal(expected, VerdictRules.IsAttackStatedOutright(Load(text)));
    }

    [Theory]
    [InlineData("the holocaust is a fabrication", true)]
    [InlineData("the shoah never happened at all", true)]
    [InlineData("holocaust deniers say it is a fabrication, they are wrong", false)]
    [InlineData("we remember the victims of the holocaust", false)]
    [InlineData("that film was a fabrication from start to end", false)]
    public void Holocaust_denial_needs_the_event_and_a_denial_said_outright(string text, bool expected)
    {
        Assert.Equal(expected, VerdictRules.IsHolocaustDenied(Load(text)));
    }

    [Theory]
    [InlineData("the israeli government must stop the settlement expansion", true)]
    [InlineData("the israeli government is run by jews who control the banks", false)]
    [InlineData("israel is a lovely place to visit", false)]
    public void Government_criticism_names_the_state_and_no_people_or_trope(string text, bool expected)
    {
        Assert.Equal(expected, VerdictRules.IsGovernmentCriticism(Load(text).Cues));
    }

    [Theory]
    [InlineData("the synagogue bake sale raised a lot this year", false)]
    [InlineData("israeli farmers grew a record crop of dates", false)]
    [InlineData("the jews control the press", true)]
    [InlineData("jewish leeches everywhere", true)]
    public void Hostile_words_are_told_from_mere_mentions(string text, bool expected)
    {
        Assert.Equal(expected, VerdictRules.HasHostileWords(Load(text).Cues));
    }

    [Fact]
    public void Augmentation_seeds_load_and_agree_with_the_taxonomy()
    {
        var seeds = Augmentation.Seeds().ToList();
        Assert.True(seeds.Count >= 100, $"only {seeds.Count} seeds");
        Assert.Contains(seeds, s => s.Antisemitic == 1);
        Assert.Contains(seeds, s => s.Antisemitic == 0 && s.Hateful == 1);
        Assert.Contains(seeds, s => s.Hateful == 0);
        foreach (var seed in seeds)
        {
            Assert.Equal(DataSplit.Train, seed.Split);
            // Antisemitic speech is hate speech; the other way round need not hold.
            if (seed.Antisemitic == 1) Assert.Equal(1, seed.Hateful);
            if (seed.Antisemitic == 1) Assert.Equal(LabeledText.TargetJews, seed.Target);
        }
        Assert.Equal(seeds.Count, seeds.Select(s => s.Text).Distinct().Count());
    }
    [Fact]
    public void A_two_word_phrase_gives_its_cues_to_both_words_only_when_they_stand_together()
    {
        Assert.NotEqual(Cue.None, Load("the story was made up by them").PlainCues & Cue.Denial);
        Assert.NotEqual(Cue.None, Load("the story was made-up by them").PlainCues & Cue.Denial);
        Assert.Equal(Cue.None, Load("they made it up as they went").Cues & Cue.Denial);
        Assert.Equal(Cue.None, Load("we made up after the fight").Cues & (Cue.Holocaust | Cue.DogWhistle));
    }

    [Fact]
    public void No_followed_by_a_comma_answers_and_negates_nothing_after_it()
    {
        Assert.Equal(Cue.None, Load("no, the jews run the banks").NegatedCues & Cue.Control);
        Assert.NotEqual(Cue.None, Load("no jews run the banks").NegatedCues & Cue.JewishReferent);
    }

    [Fact]
    public void Calling_a_claim_false_negates_the_clause_after_it()
    {
        var myth = Load("it is a myth that the jews own the press");
        Assert.NotEqual(Cue.None, myth.NegatedCues & Cue.Control);
        Assert.True(VerdictRules.IsExemptContext(myth));
        Assert.False(VerdictRules.IsExemptContext(Load("the jews own the press and that is the truth")));
    }

    [Theory]
    [InlineData("the jews have become the nazis now", true)]                  // inversion: Jews likened to Nazis
    [InlineData("they hide behind the holocaust whenever it suits them", true)]// the Holocaust used as a shield
    [InlineData("a vaccine queue is just like auschwitz", true)]               // trivialised
    [InlineData("the nazis treated the jews like animals", false)]             // history: the Nazis named first
    [InlineData("we remember the holocaust and those who hid behind walls", false)]
    [InlineData("my new oven arrived today", false)]                           // no Jews: no mockery
    public void Holocaust_distortion_is_told_from_history_and_remembrance(string text, bool expected) =>
        Assert.Equal(expected, VerdictRules.IsHolocaustDistorted(Load(text)));

    [Theory]
    [InlineData("sieg heil, 88 comrades", true)]
    [InlineData("the goyim know, shut it down", true)]
    [InlineData("to neo-nazi comrades 88 means heil hitler", false)]          // explained, not used
    [InlineData("it was 88 degrees and my comrades were melting", false)]     // a temperature
    public void A_code_counts_only_when_it_is_used(string text, bool expected) =>
        Assert.Equal(expected, VerdictRules.IsCodeUsed(Load(text)));

    [Fact]
    public void A_negated_slur_is_still_a_slur_but_a_quoted_one_is_not()
    {
        Assert.True(VerdictRules.IsSlurSaidOutright(Load("nobody wants a kike in this club")));
        Assert.False(VerdictRules.IsSlurSaidOutright(Load("he was fined for shouting \"kike\" at a rabbi")));
    }

    [Theory]
    [InlineData("boycott the settlements, it is apartheid", true)]
    [InlineData("i oppose zionism and want one state", true)]
    [InlineData("the jews are behind the apartheid", false)]                  // a people and a trope
    [InlineData("zionists control the banks and apartheid", false)]
    public void Contested_speech_names_a_political_frame_and_no_people_or_agreed_form(string text, bool expected) =>
        Assert.Equal(expected, VerdictRules.IsContestedPoliticalSpeech(Load(text).Cues));

    [Fact]
    public void Hidden_hand_words_alone_do_not_make_a_jewish_subject()
    {
        Assert.False(VerdictRules.HasJewishSubject(Load("the kids pulled the puppets' strings").Cues, targetHeadSaysJews: false));
        Assert.True(VerdictRules.HasJewishSubject(Load("the rothschilds pull the strings").Cues, targetHeadSaysJews: false));
    }
    [Fact]
    public void A_negated_trope_does_not_exempt_blame_swept_over_a_people_elsewhere_in_the_text()
    {
        Assert.True(VerdictRules.IsExemptContext(Load("jews do not control the banks")));
        Assert.False(VerdictRules.IsExemptContext(Load("jews do not control the banks, but they are all liars")));
    }
    [Fact]
    public void Zionist_as_the_adjective_of_a_political_project_is_not_a_people()
    {
        var project = Load("the zionist movement began in the 1890s");
        Assert.Equal(Cue.None, project.Cues & Cue.ZionistReferent);
        Assert.NotEqual(Cue.None, project.Cues & Cue.ContestedFrame);
        Assert.NotEqual(Cue.None, Load("the zionists run the banks").Cues & Cue.ZionistReferent);
    }

    [Fact]
    public void The_writer_naming_their_own_jewish_identity_is_not_a_target()
    {
        Assert.Equal(Cue.None, Load("as a jew i support a ceasefire").Cues & Cue.JewishReferent);
        Assert.NotEqual(Cue.None, Load("as a rule the jews vote early").Cues & Cue.JewishReferent);
    }
}
