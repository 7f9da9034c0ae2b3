using Vigil.Tests.Detection.Training;
using Vigil.Detection;
using Vigil.Detection.Training;

namespace Vigil.Tests.Detection;

public sealed class DistillationTests
{
    private static string WriteCsv(string content)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Reads_soft_targets_and_leaves_an_empty_cell_unknown()
    {
        var path = WriteCsv("id,text,p_antisemitic,p_hateful,teacher\n1,\"they are, sadly, everywhere\",0.25,,enc-v9\n2,plain words,,0.9,enc-v9\n");
        try
        {
            var (teacher, rows) = Distillation.Load(path);
            Assert.Equal("enc-v9", teacher);
            Assert.Equal(2, rows.Count);
            Assert.Equal("they are, sadly, everywhere", rows[0].Text);
            Assert.Equal(0.25f, rows[0].SoftAntisemitic);
            Assert.Null(rows[0].SoftHateful);
            Assert.Null(rows[1].SoftAntisemitic);
            Assert.Equal(0.9f, rows[1].SoftHateful);
            Assert.All(rows, r => Assert.Equal(DataSplit.Train, r.Split));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("text,p_antisemitic,p_hateful,teacher\nsome text,1.5,0,t\n", ":2:")]
    [InlineData("text,p_antisemitic,p_hateful,teacher\nsome text,high,0,t\n", ":2:")]
    [InlineData("text,p_hateful,teacher\nsome text,0.5,t\n", "p_antisemitic")]
    [InlineData("text,p_antisemitic,p_hateful\nsome text,0.5,0.5\n", "teacher")]
    [InlineData("text,p_antisemitic,p_hateful,teacher\na,0.5,0.5,t1\nb,0.5,0.5,t2\n", ":3:")]
    [InlineData("text,p_antisemitic,p_hateful,teacher\na,0.5,0.5,\n", ":2:")]
    [InlineData("text,p_antisemitic,p_hateful,teacher\n", "no soft targets")]
    public void A_bad_row_or_header_is_an_error_naming_file_and_line(string content, string expected)
    {
        var path = WriteCsv(content);
        try
        {
            var error = Assert.Throws<FormatException>(() => Distillation.Load(path));
            Assert.Contains(path, error.Message);
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_hateful_head_follows_the_teachers_soft_target()
    {
        double PHateful(float teacher)
        {
            var corpus = TrainingTests.Corpus.Append(new LabeledText(Distillation.Source, DataSplit.Train, "those goblins ruin the harbour") { SoftHateful = teacher });
            var (model, _) = DetectorTrainer.Train(corpus.ToList(), new TrainOptions { HashBits = 12, Epochs = 5, Members = 1, Augment = false }, "toy");
            return new Detector(model).CreateSession().Score("those goblins ruin the harbour").PHateful;
        }
        Assert.True(PHateful(0.95f) > PHateful(0.05f) + 0.1);
    }

    [Fact]
    public void A_distilled_model_names_its_teacher_in_its_version()
    {
        Assert.Equal(DetectorTrainer.ModelVersion(new TrainOptions { Seed = 3 }) + "-kd-enc-v9",
                     DetectorTrainer.ModelVersion(new TrainOptions { Seed = 3, Teacher = "enc-v9" }));
        Assert.DoesNotContain("kd", DetectorTrainer.ModelVersion(new TrainOptions { Seed = 3 }));
    }
}
