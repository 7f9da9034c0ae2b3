using System.CommandLine;
using Vigil.Detection;
using Vigil.Detection.Training;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil train</c>: trains the detector from the labelled data sets; same seed, same weights.</summary>
internal static class TrainCommand
{
    public const string DefaultDataFolder = "../shared/data";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder with the labelled data sets.", DefaultValueFactory = _ => DefaultDataFolder };
        var output = new Option<string>("--out") { Description = "Model file to write.", DefaultValueFactory = _ => Detector.DefaultModelPath };
        var seed = CommonOptions.Seed("Seed for splits, augmentation and training order.");
        var defaults = new TrainOptions();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training rows.", DefaultValueFactory = _ => defaults.Epochs };
        var rate = new Option<float>("--learning-rate") { Description = "AdaGrad learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var l2 = new Option<float>("--l2") { Description = "L2 penalty per update.", DefaultValueFactory = _ => defaults.L2 };
        var bits = new Option<int>("--hash-bits") { Description = "log2 of the number of hashed feature buckets.", DefaultValueFactory = _ => defaults.HashBits };
        var distill = new Option<string?>("--distill") { Description = "CSV of the encoder's probabilities (text,p_antisemitic,p_hateful,teacher; training/distill.py writes it) to learn from as soft targets." };
        var command = new Command("train", "Train the hate and antisemitism detector from ../shared/data.") { data, output, seed, epochs, rate, l2, bits, distill };
        command.SetAction(parse =>
        {
            var targets = parse.GetValue(distill) is { } teacherFile ? Distillation.Load(teacherFile) : null;
            var options = new TrainOptions
            {
                Seed = parse.GetValue(seed), Epochs = parse.GetValue(epochs), LearningRate = parse.GetValue(rate), L2 = parse.GetValue(l2), HashBits = parse.GetValue(bits),
                Teacher = targets?.Teacher,
            };
            var corpus = TrainingCorpus.Load(parse.GetValue(data)!, options.Seed);
            if (targets is not null) corpus.AddRange(targets.Rows);
            var version = DetectorTrainer.ModelVersion(options);
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            TrainReport report;
            using (var file = File.Create(path)) report = DetectorTrainer.TrainTo(file, corpus, options);
            foreach (var note in report.Notes) Console.WriteLine($"  {note}");
            Console.WriteLine($"vigil train: {report.Rows} rows, model {version} written to {path} " +
                              $"({new FileInfo(path).Length / 1_000_000.0:F1} MB) in {report.Elapsed.TotalSeconds:F0} s");
            return ExitCodes.Success;
        });
        // `vigil train bots` trains the bot model; `vigil train` alone trains the text detector.
        command.Subcommands.Add(BotsCommand.CreateTrain("bots"));
        return command;
    }
}
