using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Tests.Policy;

namespace Vigil.Tests.Measurement;

public sealed class ReviewLabelsTests
{
    private readonly FakeClock _clock = new(PolicyTestKit.Start);
    private readonly InMemoryDecisionLog _log = new();

    private async Task LabelAsync(string post, string reviewer, ConsensusClass label)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        await new LabelQueue(_log, _clock).LabelAsync(post, new HumanReviewer(reviewer), label);
    }

    [Fact]
    public async Task Each_reviewer_is_one_annotator_and_their_latest_label_wins()
    {
        await LabelAsync("p1", "bob", ConsensusClass.Neutral);
        await LabelAsync("p1", "alice", ConsensusClass.AgreedAntisemitic);
        await LabelAsync("p1", "bob", ConsensusClass.Contested);
        await LabelAsync("p2", "alice", ConsensusClass.Neutral);

        var labels = await ReviewLabels.ReadAsync(_log.ReadAllAsync());

        Assert.Equal(
            [new Annotation("p1", "alice", ConsensusClass.AgreedAntisemitic), new Annotation("p1", "bob", ConsensusClass.Contested)],
            labels.For("p1"));
        Assert.Equal([new Annotation("p2", "alice", ConsensusClass.Neutral)], labels.For("p2"));
        Assert.Empty(labels.For("p3"));
        Assert.Equal(3, labels.Count);
        Assert.Equal(1, labels.Superseded);
    }

    [Fact]
    public async Task Agreement_on_review_labels_equals_agreement_on_the_same_labels_from_a_file()
    {
        var csv = new System.Text.StringBuilder("post_id,annotator,label\n");
        var classes = Enum.GetValues<ConsensusClass>();
        for (var i = 0; i < 30; i++)
        {
            var a = classes[i % 3];
            var b = i % 4 == 0 ? classes[(i + 1) % 3] : a;
            await LabelAsync($"p{i}", "alice", a);
            await LabelAsync($"p{i}", "bob", b);
            csv.Append($"p{i},alice,{Kebab.From(a)}\np{i},bob,{Kebab.From(b)}\n");
        }
        var fromLog = await ReviewLabels.ReadAsync(_log.ReadAllAsync());
        var fromFile = AnnotationLabels.Read(new StringReader(csv.ToString()), "labels.csv");

        var expected = LabelResolution.Alpha(fromFile.All);
        Assert.InRange(expected, 0.1, 0.99);
        Assert.Equal(expected, LabelResolution.Alpha(fromLog.PostIds.Select(fromLog.For)), 12);
    }

    [Fact]
    public async Task A_label_event_not_made_by_a_human_is_ignored_and_named()
    {
        await _log.AppendAsync([new DecisionEvent
        {
            Id = "forged", Type = DecisionEventType.Labelled, At = PolicyTestKit.Start, Subject = "post:p1", Actor = "engine:vigil",
            Payload = new EventPayload { Consensus = "agreed-antisemitic" }.ToJson(),
        }]);
        await LabelAsync("p2", "alice", ConsensusClass.Neutral);

        var labels = await ReviewLabels.ReadAsync(_log.ReadAllAsync());

        Assert.Empty(labels.For("p1"));
        Assert.Single(labels.For("p2"));
        Assert.Contains("forged", Assert.Single(labels.Ignored), StringComparison.Ordinal);
    }
}
