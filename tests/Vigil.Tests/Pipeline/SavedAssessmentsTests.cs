using Vigil.Model;
using Vigil.Pipeline;

namespace Vigil.Tests.Pipeline;

public sealed class SavedAssessmentsTests
{
    [Fact]
    public void Assessments_come_back_as_they_were_added_across_read_blocks()
    {
        // More rows than one read takes, evidence on some posts only (so a block's evidence starts mid-file), every
        // label value, two languages and two model versions, and doubles that print long.
        var random = new Random(5);
        var ids = new PostIdIndex();
        var added = new List<(int Post, Assessment Assessment)>();
        using var saved = new SavedAssessments();
        for (var i = 0; i < 40_000; i++)
        {
            var post = ids.Add($"p{i:D6}");
            var assessment = new Assessment
            {
                PostId = $"p{i:D6}", ModelVersion = random.Next(3) == 0 ? "model-b" : "model-a", TaxonomyVersion = "taxonomy-1",
                PHateful = random.NextDouble(), Hateful = random.Next(2) == 0, PAntisemitic = random.NextDouble() / 3,
                Antisemitic = random.Next(5) == 0, CodeConfidence = random.NextDouble(),
                Label = new ContentLabel(Pick<Target>(random), Pick<ContentCode>(random), Pick<ConsensusClass>(random), Pick<Explicitness>(random)),
                Language = random.Next(4) == 0 ? "de" : "en", LanguageSupported = random.Next(10) > 0,
                Evidence = random.Next(6) == 0
                    ? [.. Enumerable.Range(0, random.Next(1, 5)).Select(k => new EvidenceSpan(k * 7, 3 + k, $"word:w{random.Next(50)}", random.NextDouble() - 0.5))]
                    : [],
            };
            saved.Add(post, assessment);
            added.Add((post, assessment));
        }
        ids.Seal();

        var read = saved.Read(ids).ToList();

        Assert.Equal(added.Count, read.Count);
        Assert.Contains(added, a => a.Assessment.Evidence.Count > 0);
        for (var i = 0; i < added.Count; i++)
        {
            var (expectedPost, expected) = added[i];
            var (post, actual) = read[i];
            Assert.Equal(expectedPost, post);
            Assert.Equal(expected with { Evidence = [] }, actual with { Evidence = [] });
            Assert.Equal(expected.Evidence, actual.Evidence);
        }
    }

    private static T Pick<T>(Random random) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        return values[random.Next(values.Length)];
    }
}
