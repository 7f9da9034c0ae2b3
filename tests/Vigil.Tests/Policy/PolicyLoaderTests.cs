using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Policy;

public sealed class PolicyLoaderTests
{
    private const string Minimal = """
        version: t-1
        appeal_window_days: 10
        strikes:
          expiry_days: 30
        rules:
          - id: contested
            when:
              consensus: [contested]
            actions: [label]
        """;

    [Fact]
    public void DefaultPolicyLoadsAndIsVersioned()
    {
        var policy = EnforcementPolicy.Default;
        Assert.StartsWith("default-", policy.Version);
        Assert.Contains(policy.Rules, r => r.AccountAction == AccountAction.LabelAutomated);
        Assert.Contains(policy.UnlawfulIn(ContentCode.HolocaustDenial), g => g.Country == "DE");
        Assert.Empty(policy.UnlawfulIn(ContentCode.NaziComparison));
    }

    [Fact]
    public void MinimalPolicyParses()
    {
        var policy = ParsePolicy(Minimal);
        Assert.Equal("t-1", policy.Version);
        Assert.Equal(10, policy.AppealWindowDays);
        Assert.Equal(ContentActions.Label, Assert.Single(policy.Rules).Actions);
    }

    [Fact]
    public void MisspeltConditionIsRefusedWithLineColumnAndField()
    {
        var yaml = Minimal.Replace("consensus: [contested]", "consensus: [contested]\n      min_scor: 0.5");
        var error = Assert.Throws<PolicyFormatException>(() => ParsePolicy(yaml));
        Assert.Equal(9, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Equal("rules[0] (contested).when.min_scor", error.Field);
        Assert.StartsWith("test.yaml:9:7:", error.Message);
    }

    [Fact]
    public void UnknownEnumValueNamesTheFieldAndTheChoices()
    {
        var error = Assert.Throws<PolicyFormatException>(() => ParsePolicy(Minimal.Replace("[contested]", "[contestd]")));
        Assert.Equal(8, error.Line);
        Assert.Contains("'contestd' is not a known ConsensusClass", error.Message);
        Assert.Contains("agreed-antisemitic", error.Message);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("geo-restrict")]
    public void HumanOnlyActionsCannotBeAutomatic(string action)
    {
        var error = Assert.Throws<PolicyFormatException>(() => ParsePolicy(Minimal.Replace("[label]", $"[label, {action}]")));
        Assert.EndsWith(".actions", error.Field);
        Assert.Contains("propose", error.Message);
    }

    [Fact]
    public void MissingVersionIsReported()
    {
        var error = Assert.Throws<PolicyFormatException>(() => ParsePolicy(Minimal.Replace("version: t-1\n", "")));
        Assert.Equal("version", error.Field);
    }

    [Fact]
    public void OutOfRangeScoreIsReported()
    {
        var error = Assert.Throws<PolicyFormatException>(() =>
            ParsePolicy(Minimal.Replace("consensus: [contested]", "consensus: [contested]\n      min_score: 1.5")));
        Assert.Equal("rules[0] (contested).when.min_score", error.Field);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void BrokenYamlReportsAPosition()
    {
        var error = Assert.Throws<PolicyFormatException>(() => ParsePolicy("version: [unclosed\nrules: x"));
        Assert.True(error.Line >= 1);
    }
}
