using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Tests.Policy;

namespace Vigil.Tests.Enforcement;

public sealed class LabelQueueTests
{
    private static readonly HumanReviewer Alice = new("alice");
    private static readonly HumanReviewer Bob = new("bob");

    [Fact]
    public async Task Queueing_a_sample_twice_appends_nothing_the_second_time()
    {
        var log = new InMemoryDecisionLog();
        var queue = new LabelQueue(log, new FakeClock(PolicyTestKit.Start));

        Assert.Equal(3, await queue.EnqueueAsync("s1", ["p1", "p2", "p3"]));
        Assert.Equal(0, await queue.EnqueueAsync("s1", ["p1", "p2", "p3"]));
        // The same post in another sample is another request: each sample is answered on its own terms.
        Assert.Equal(1, await queue.EnqueueAsync("s2", ["p1"]));
        Assert.Equal(4, (await log.ReadAllAsync().ToListAsync()).Count());
        Assert.Equal(["p1", "p2", "p3"], (await queue.PendingAsync(sampleId: "s1")).Select(r => r.PostId));
    }

    [Fact]
    public async Task A_label_answers_the_request_and_a_named_reviewer_still_sees_what_they_have_not_labelled()
    {
        var clock = new FakeClock(PolicyTestKit.Start);
        var queue = new LabelQueue(new InMemoryDecisionLog(), clock);
        await queue.EnqueueAsync("s1", ["p1", "p2", "p3"]);
        clock.Advance(TimeSpan.FromMinutes(1));
        await queue.LabelAsync("p2", Alice, ConsensusClass.AgreedAntisemitic);

        Assert.Equal(["p1", "p3"], (await queue.PendingAsync()).Select(r => r.PostId));
        Assert.Equal(["p1", "p3"], (await queue.PendingAsync(reviewerId: "alice")).Select(r => r.PostId));
        Assert.Equal(["p1", "p2", "p3"], (await queue.PendingAsync(reviewerId: "bob")).Select(r => r.PostId));
        Assert.All(await queue.PendingAsync(), r => Assert.Equal("s1", r.Sample));
    }

    [Fact]
    public async Task Labels_are_hash_chained_human_events_that_change_no_enforcement_state()
    {
        var clock = new FakeClock(PolicyTestKit.Start);
        var path = PolicyTestKit.TempDb();
        try
        {
            using (var log = new SqliteDecisionLog(path))
            {
                var engine = await PolicyTestKit.EngineAsync(clock, log);
                await engine.ApplyAsync([PolicyTestKit.Input("p1", "a1", ContentCode.Dehumanization)]);
                var before = engine.State.Queue().Count;
                var queue = new LabelQueue(log, clock);
                await queue.EnqueueAsync("s1", ["p1", "p9"]);
                clock.Advance(TimeSpan.FromSeconds(1));
                await queue.LabelAsync("p1", Alice, ConsensusClass.AgreedAntisemitic, "explicit");
                clock.Advance(TimeSpan.FromSeconds(1));
                await queue.LabelAsync("p1", Bob, ConsensusClass.Contested);

                var replayed = await EnforcementState.ReplayAsync(log.ReadAllAsync());
                Assert.Equal(before, replayed.Queue().Count);
                Assert.Empty(replayed.Violations);
                Assert.Equal(engine.State.Decisions.Count, replayed.Decisions.Count);
            }
            using (var reopened = new SqliteDecisionLog(path))
            {
                var events = await reopened.ReadAllAsync().ToListAsync();
                Assert.True(LogVerifier.Verify(events).Intact);
                var labels = events.Where(e => e.Type == DecisionEventType.Labelled).ToList();
                Assert.Equal(["human:alice", "human:bob"], labels.Select(e => e.Actor));
                Assert.Equal("agreed-antisemitic", EventPayload.Parse(labels[0].Payload).Consensus);
                Assert.Equal(2, events.Count(e => e.Type == DecisionEventType.LabelRequested));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Editing_a_recorded_label_breaks_the_chain()
    {
        var log = new InMemoryDecisionLog();
        var queue = new LabelQueue(log, new FakeClock(PolicyTestKit.Start));
        await queue.LabelAsync("p1", Alice, ConsensusClass.Neutral);
        var events = await log.ReadAllAsync().ToListAsync();
        events[0] = events[0] with { Payload = events[0].Payload.Replace("neutral", "agreed-antisemitic", StringComparison.Ordinal) };

        var result = LogVerifier.Verify(events);
        Assert.False(result.Intact);
        Assert.Equal(TamperKind.Changed, result.Kind);
    }

    [Fact]
    public void Events_without_a_sample_serialise_as_before()
    {
        // Older logs hash their payloads as stored; the new field must not appear in payloads that do not use it.
        Assert.DoesNotContain("sample", new EventPayload { Rule = "r", Note = "n" }.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"sample\":\"s1\"", new EventPayload { Sample = "s1" }.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_label_twice_at_the_same_instant_is_refused()
    {
        var queue = new LabelQueue(new InMemoryDecisionLog(), new FakeClock(PolicyTestKit.Start));
        await queue.LabelAsync("p1", Alice, ConsensusClass.Neutral);
        await Assert.ThrowsAsync<EnforcementException>(() => queue.LabelAsync("p1", Alice, ConsensusClass.Neutral));
    }
}
