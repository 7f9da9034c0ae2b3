using Vigil.Detection;
using Vigil.Detection.Training;

namespace Vigil.Tests.Detection;

/// <summary>
/// The context layer read straight from the tokenizer and the rules, without the model: negation scope, who a referent
/// points at, and the rules that decide a subject and a slur. Sentences are written for these tests.
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
        Assert.NotEqual(Cue.None, Load("it is a myth that the jews own the press").NegatedCues & Cue.Control);
        Assert.Equal(Cue.None, Load("the jews own the press and that is the truth").NegatedCues & Cue.Control);
    }

    [Fact]
    public void A_negated_slur_is_still_a_slur_but_a_quoted_one_is_not()
    {
        Assert.True(VerdictRules.IsSlurSaidOutright(Load("nobody wants a kike in this club")));
        Assert.False(VerdictRules.IsSlurSaidOutright(Load("he was fined for shouting \"kike\" at a rabbi")));
    }

    [Fact]
    public void Hidden_hand_words_alone_do_not_make_a_jewish_subject()
    {
        Assert.False(VerdictRules.HasJewishSubject(Load("the kids pulled the puppets' strings").Cues, targetHeadSaysJews: false));
        Assert.True(VerdictRules.HasJewishSubject(Load("the rothschilds pull the strings").Cues, targetHeadSaysJews: false));
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
