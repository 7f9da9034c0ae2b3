using Vigil.Simulation.Oracles;
using Vigil.Simulation.Synthetic;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Simulation;

namespace Vigil.Tests.Measurement;

public sealed class LabelsTests
{
    private static readonly SyntheticPopulation Population =
        SyntheticPopulation.Generate(new SyntheticPopulationOptions { Posts = 5_000, Prevalence = 0.02, Seed = 5 });

    [Fact]
    public void Task_file_round_trips_ids_weights_and_awkward_text()
    {
        var sample = Sampler.Draw(Population.Items, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 120, Seed = 9 });
        string TextOf(string id) => $"post {id}, says \"hi\"\nsecond line";

        var writer = new StringWriter();
        LabelsTaskFile.Write(writer, sample, TextOf);
        var rows = LabelsTaskFile.Read(new StringReader(writer.ToString()), "tasks.csv");

        Assert.Equal(sample.Items.Count, rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            Assert.Equal(sample.Items[k].Id, rows[k].PostId);
            Assert.Equal(sample.Items[k].Stratum, rows[k].Stratum);
            Assert.Equal(sample.Items[k].InclusionProbability, rows[k].InclusionProbability); // exact, not approximately
            Assert.Equal(TextOf(rows[k].PostId), rows[k].Text);
            Assert.Equal(SamplingDesign.ScoreStratified, rows[k].Design);
            Assert.Equal(9, rows[k].Seed);
            Assert.Equal("", rows[k].Label);
        }
    }

    [Fact]
    public void Several_annotators_resolve_by_majority_and_ties_go_to_the_least_severe()
    {
        const string csv = """
            post_id,annotator,label
            p1,alice,agreed-antisemitic
            p1,bob,agreed-antisemitic
            p1,carol,neutral
            p2,alice,agreed-hate
            p2,bob,neutral
            p3,alice,contested
            """;
        var labels = AnnotationLabels.Read(new StringReader(csv), "labels.csv");

        Assert.Equal(6, labels.Count);
        Assert.Equal(ConsensusClass.AgreedAntisemitic, LabelResolution.Resolve(labels.For("p1"), out var tie1));
        Assert.False(tie1);
        Assert.Equal(ConsensusClass.Neutral, LabelResolution.Resolve(labels.For("p2"), out var tie2));
        Assert.True(tie2);
        Assert.Equal(ConsensusClass.Contested, LabelResolution.Resolve(labels.For("p3"), out _));
        Assert.Null(LabelResolution.Resolve(labels.For("unknown"), out _));
    }

    [Fact]
    public void Filled_task_file_reads_each_label_column_as_an_annotator()
    {
        const string csv = """
            post_id,text,label_alice,label_bob
            p1,"a, b",agreed-hate,agreed-hate
            p2,c,neutral,
            """;
        var labels = AnnotationLabels.Read(new StringReader(csv), "filled.csv");

        Assert.Equal(["alice", "bob"], labels.For("p1").Select(a => a.Annotator));
        Assert.Single(labels.For("p2"));
    }

    [Fact]
    public void Alpha_is_one_for_full_agreement_and_low_when_annotators_disagree_systematically()
    {
        var agree = new List<IReadOnlyList<Annotation>>();
        var disagree = new List<IReadOnlyList<Annotation>>();
        for (var i = 0; i < 20; i++)
        {
            var label = i % 2 == 0 ? ConsensusClass.Neutral : ConsensusClass.AgreedHate;
            var other = i % 2 == 0 ? ConsensusClass.AgreedHate : ConsensusClass.Neutral;
            agree.Add([new($"p{i}", "a", label), new($"p{i}", "b", label)]);
            disagree.Add([new($"p{i}", "a", label), new($"p{i}", "b", other)]);
        }

        Assert.Equal(1.0, LabelResolution.Alpha(agree), 12);
        Assert.True(LabelResolution.Alpha(disagree) < 0);
        Assert.True(double.IsNaN(LabelResolution.Alpha([[new Annotation("p", "a", ConsensusClass.Neutral)]])));
    }

    [Fact]
    public void Unknown_label_names_the_file_and_line()
    {
        const string csv = "post_id,annotator,label\np1,alice,neutral\np2,alice,very-bad\n";
        var error = Assert.Throws<LabelsFormatException>(() => AnnotationLabels.Read(new StringReader(csv), "labels.csv"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("labels.csv:3:", error.Message);
    }

    [Fact]
    public void Row_with_missing_fields_is_reported_with_its_line_even_after_a_multiline_text()
    {
        const string csv = "post_id,text,label\np1,\"one\ntwo\",neutral\np2,oops\n";
        var error = Assert.Throws<LabelsFormatException>(() => AnnotationLabels.Read(new StringReader(csv), "t.csv"));

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Oracle_labels_posts_with_the_simulated_truth_and_knows_nothing_else()
    {
        var hate = new ContentLabel(Target.JewsCollective, ContentCode.Dehumanization, ConsensusClass.AgreedAntisemitic, Explicitness.Explicit);
        var truth = new SimulationTruth
        {
            Options = new SimulationOptions(), TaxonomyVersion = "taxonomy-v1",
            Posts = [new PostTruth("p1", hate), new PostTruth("p2", ContentLabel.Neutral)],
            Accounts = [], Clusters = [], Weeks = [],
        };
        var oracle = new OracleLabels(truth);

        Assert.Equal(ConsensusClass.AgreedAntisemitic, Assert.Single(oracle.For("p1")).Label);
        Assert.Equal(OracleLabels.Annotator, oracle.For("p2")[0].Annotator);
        Assert.Empty(oracle.For("p3"));

        // Read from the truth file without the rest of the truth: the same labels; a file of another kind names itself.
        var path = Path.Combine(Path.GetTempPath(), $"vigil-truth-{Guid.NewGuid():N}.json");
        try
        {
            truth.Save(path);
            var loaded = OracleLabels.Load(path);
            foreach (var id in new[] { "p1", "p2", "p3" }) Assert.Equal(oracle.For(id), loaded.For(id));
            File.WriteAllText(path, """{"format":"something-else","version":1}""");
            Assert.StartsWith(path + ": not a valid simulation truth file", Assert.Throws<FormatException>(() => OracleLabels.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rescoring_keeps_the_draw_and_recomputes_the_strata_totals()
    {
        var frame = SamplingFrame.Build(Population.Items, new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 200 });
        var sample = frame.Draw(4);
        var same = frame.Rescore(sample, Population.Items.Select(i => i.Score).ToArray());
        var zeros = frame.Rescore(sample, new double[Population.Items.Count]);

        Assert.Equal(sample.Strata, same.Strata);
        Assert.Equal(sample.Items.Select(i => i.Id), zeros.Items.Select(i => i.Id));
        Assert.All(zeros.Strata, s => Assert.Equal(0, s.ScoreSum));
        Assert.Equal(sample.Strata.Select(s => s.Posts), zeros.Strata.Select(s => s.Posts));
        Assert.All(zeros.Items, i => Assert.Equal(0, i.Score));
    }
}
