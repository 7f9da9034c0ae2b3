using Vigil.Storage;
using Vigil.Amplification;

namespace Vigil.Tests.Storage;

public sealed class AnalysisKeyTests
{
    private static readonly AnalysisKey Key = new("detector-v1", "bots-v2", "window=60s seed=1");

    [Fact]
    public void The_id_is_16_lowercase_hex_digits_and_the_same_for_equal_keys()
    {
        var id = Key.Id;

        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, new AnalysisKey("detector-v1", "bots-v2", "window=60s seed=1").Id);
    }

    [Fact]
    public void Changing_any_part_changes_the_id()
    {
        string[] ids =
        [
            Key.Id,
            (Key with { DetectorVersion = "detector-v2" }).Id,
            (Key with { BotModelVersion = "bots-v3" }).Id,
            (Key with { Settings = "window=30s seed=1" }).Id,
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Moving_text_from_one_part_to_the_next_changes_the_id()
    {
        Assert.NotEqual(new AnalysisKey("ab", "c", "").Id, new AnalysisKey("a", "bc", "").Id);
    }
}
