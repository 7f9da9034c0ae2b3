using Vigil.Detection.Training;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detection;

public sealed class OtherLanguageCorpusTests
{
    [SharedDataFact("germeval-2018")]
    public void Each_set_in_another_language_loads_with_its_splits_and_both_ends_of_its_labels()
    {
        var corpus = TrainingCorpus.Load(SharedData.Folder!, seed: 1);
        string[] sets =
        [
            TrainingCorpus.GermEval2018, TrainingCorpus.GermEval2021, TrainingCorpus.OffendEs, TrainingCorpus.ToldBr,
            TrainingCorpus.PolEval, TrainingCorpus.LHsab, TrainingCorpus.Mlma, TrainingCorpus.HebrewOffensive,
        ];
        foreach (var set in sets)
        {
            var rows = corpus.Where(r => r.Source == set).ToList();
            foreach (var split in Enum.GetValues<DataSplit>()) Assert.Contains(rows, r => r.Split == split);
            Assert.Contains(rows, r => r.Hx3 == LabeledText.Hx3Normal && r.Hateful == 0);
            Assert.Contains(rows, r => r.Hx3 != LabeledText.Hx3Normal);
            Assert.DoesNotContain(rows, r => r.Language == "en" && set != TrainingCorpus.Mlma);
        }
        // Licence rows: hatebr is non-commercial and CONAN evaluation-only; neither may train the shipped weights.
        Assert.DoesNotContain(corpus, r => r.Source.Contains("hatebr", StringComparison.Ordinal) || r.Source.Contains("conan", StringComparison.Ordinal));
        var replies = corpus.Where(r => r.Source == TrainingCorpus.CounterSpeech).ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.True(r.EvaluationOnly));
    }
}
