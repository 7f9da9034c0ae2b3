using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;

namespace Vigil.Tests.Policy;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

internal static class PolicyTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly HumanReviewer Alice = new("alice");

    public static Assessment Assess(string postId, ContentCode code, Target target = Target.JewsCollective,
        Explicitness explicitness = Explicitness.Explicit, double score = 0.95, double confidence = 0.9,
        string model = "model-test-1") => new()
    {
        PostId = postId,
        PHateful = score,
        PAntisemitic = score,
        Label = TaxonomyTable.Default.Label(code, target, explicitness),
        CodeConfidence = confidence,
        ModelVersion = model,
        TaxonomyVersion = TaxonomyTable.Default.Version,
        Evidence = [new EvidenceSpan(0, 4, "word:test", 1.5)],
    };

    public static PolicyInput Input(string postId, string author, ContentCode code,
        Explicitness explicitness = Explicitness.Explicit, double score = 0.95, long reach = 10,
        string? jurisdiction = null, double botScore = 0, string? cluster = null, Target target = Target.JewsCollective,
        string model = "model-test-1") => new()
    {
        PostId = postId,
        AuthorId = author,
        Assessment = Assess(postId, code, target, explicitness, score, model: model),
        PostedAt = Start.AddHours(-1),
        Reach = reach,
        Jurisdiction = jurisdiction,
        BotScore = botScore,
        ClusterId = cluster,
    };

    public static Task<EnforcementEngine> EngineAsync(TimeProvider clock, IDecisionLog? log = null, EnforcementPolicy? policy = null) =>
        EnforcementEngine.OpenAsync(policy ?? EnforcementPolicy.Default, log ?? new InMemoryDecisionLog(), clock);

    public static string DecisionIdFor(EnforcementEngine engine, string postId) =>
        engine.State.DecisionsFor(DecisionSubject.Post(postId)).Single(d => d.Kind == DecisionEventType.Decision).Id;

    public static EnforcementPolicy ParsePolicy(string yaml) => PolicyLoader.Parse(new StringReader(yaml), "test.yaml");

    public static string TempDb() =>
        Path.Combine(Path.GetTempPath(), $"vigil-policy-test-{Guid.NewGuid():N}.db");
}
