using Vigil.Detection;
using Vigil.Model;

namespace Vigil.Tests.Functional;

/// <summary>An assessor whose verdict per text is decided by the test.</summary>
internal sealed class FakeAssessor(Func<string, (bool Antisemitic, bool Hateful, ContentCode Code)> verdict) : ITextAssessor
{
    public const string Version = "fake-1";

    public static FakeAssessor FlagsEverything { get; } = new(_ => (true, true, ContentCode.ConspiracyControlTrope));
    public static FakeAssessor FlagsNothing { get; } = new(_ => (false, false, ContentCode.None));

    public Assessment Assess(string postId, string text)
    {
        var (antisemitic, hateful, code) = verdict(text);
        return new Assessment
        {
            PostId = postId,
            Antisemitic = antisemitic,
            Hateful = hateful,
            PAntisemitic = antisemitic ? 1 : 0,
            PHateful = hateful ? 1 : 0,
            Label = TaxonomyTable.Default.Label(code, Target.None, Explicitness.NotApplicable),
            ModelVersion = Version,
            TaxonomyVersion = TaxonomyTable.Default.Version,
        };
    }
}
