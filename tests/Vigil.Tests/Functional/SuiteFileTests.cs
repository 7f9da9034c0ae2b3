using Vigil.Detection.Functional;
using Vigil.Model;

namespace Vigil.Tests.Functional;

/// <summary>The hand-written suite itself: size, coverage and consistency with the taxonomy it tests.</summary>
public sealed class SuiteFileTests
{
    private static IReadOnlyList<FunctionalCase> Cases => ShippedSuite.Suite.Cases;

    [Fact]
    public void Suite_has_at_least_400_cases() => Assert.True(Cases.Count >= 400, $"only {Cases.Count} cases");

    [Fact]
    public void Ids_are_unique() =>
        Assert.Equal(Cases.Count, Cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void No_two_cases_share_a_text()
    {
        var duplicates = Cases.GroupBy(c => c.Text.Trim().ToLowerInvariant())
                              .Where(g => g.Count() > 1)
                              .Select(g => string.Join(", ", g.Select(c => c.Id)))
                              .ToList();
        Assert.True(duplicates.Count == 0, "same text in: " + string.Join("; ", duplicates));
    }

    [Fact]
    public void Every_functionality_has_at_least_five_cases()
    {
        var thin = CaseFileChecks.ThinFunctionalities(Cases);
        Assert.True(thin.Count == 0, "fewer than 5 cases: " + string.Join(", ", thin));
    }

    [Fact]
    public void Every_content_code_is_covered()
    {
        var missing = Enum.GetValues<ContentCode>().Where(code => Cases.All(c => c.Code != code)).ToList();
        Assert.True(missing.Count == 0, "no case for: " + string.Join(", ", missing.Select(Kebab.From)));
    }

    [Fact]
    public void Every_antisemitic_code_has_plain_and_disguised_cases()
    {
        var antisemiticCodes = Enum.GetValues<ContentCode>()
            .Where(code => TaxonomyTable.Version1.Classify(code, Target.JewsCollective) == ConsensusClass.AgreedAntisemitic);
        foreach (var code in antisemiticCodes)
        {
            var forms = Cases.Where(c => c.Code == code).Select(c => c.Explicitness).ToHashSet();
            // Coded antisemitism is disguised by definition; every other code must also be tested said outright.
            if (code != ContentCode.CodedAntisemitism)
                Assert.True(forms.Contains(Explicitness.Explicit), $"{Kebab.From(code)} has no explicit case");
            Assert.True(forms.Contains(Explicitness.Obfuscated) || forms.Contains(Explicitness.Contextual),
                        $"{Kebab.From(code)} has no obfuscated or coded case");
        }
    }

    [Fact]
    public void Expectations_follow_the_consensus_class_of_the_recorded_code()
    {
        var wrong = CaseFileChecks.ExpectationsAgainstTaxonomy(Cases);
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public void Must_flag_and_must_not_flag_cases_are_roughly_balanced()
    {
        var mustFlag = Cases.Count(c => c.ExpectHateful);
        var share = (double)mustFlag / Cases.Count;
        Assert.InRange(share, 0.4, 0.6);
    }

    [Fact]
    public void The_meeting_scenario_is_covered_and_never_expected_hateful()
    {
        var meeting = Cases.Where(c => c.Functionality == "the meeting scenario").ToList();
        Assert.True(meeting.Count >= 5);
        Assert.All(meeting, c => Assert.False(c.ExpectHateful, c.Id));
    }

    [Fact]
    public void Each_functionality_expects_one_verdict_so_its_pass_rate_reads_as_one_kind_of_error()
    {
        var mixed = CaseFileChecks.MixedFunctionalities(Cases);
        Assert.True(mixed.Count == 0, "mixed expectations in: " + string.Join(", ", mixed));
    }
}
