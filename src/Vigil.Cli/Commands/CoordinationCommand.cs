using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Coordination;
using Vigil.Text.Csv;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil coordination</c>: co-action networks (QUT coordination-network-toolkit semantics) as edge lists, and
/// optionally clusters of coordinated accounts as JSON.
/// </summary>
internal static class CoordinationCommand
{
    private static readonly ClusterOptions ClusterDefaults = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Command Create()
    {
        var input = CommonOptions.Input("Messages: a QUT-toolkit CSV or Vigil posts.jsonl");
        var format = new Option<string?>("--input-format") { Description = "vigil or qut (default: qut for .csv, vigil otherwise)" }
            .WithOldName("--format");
        format.AcceptOnlyFromAmong("vigil", "qut");
        var types = new Option<string>("--type")
        {
            Description = "co-retweet, co-tweet, co-similar, co-link, co-reply or co-post; several separated by commas, or all",
            Required = true,
        };
        var window = new Option<double>("--window") { Description = "Seconds between two matching messages (inclusive)", DefaultValueFactory = _ => 60 };
        var minWeight = new Option<int>("--min-weight") { Description = "Drop edges lighter than this", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "Edge list CSV: user_1,user_2,weight (with a leading type column when several types)", Required = true };
        var clusters = new Option<FileInfo?>("--out-clusters") { Description = "Also write clusters of coordinated accounts to this JSON file" }
            .WithOldName("--clusters");
        var similarity = new Option<double>("--similarity") { Description = "co-similar: Jaccard threshold on token sets", DefaultValueFactory = _ => 0.8 };
        var minTokens = new Option<int>("--min-tokens") { Description = "co-similar: messages with fewer distinct tokens never match", DefaultValueFactory = _ => 1 };
        var clusterPairWeight = new Option<int>("--cluster-min-pair-weight") { Description = "Clusters: mutual weight a pair needs to be linked", DefaultValueFactory = _ => ClusterDefaults.MinPairWeight };
        var clusterMinSize = new Option<int>("--cluster-min-size") { Description = "Clusters: smallest cluster reported", DefaultValueFactory = _ => ClusterDefaults.MinClusterSize };
        var seed = CommonOptions.Seed("Clusters: Louvain seed.");

        var command = new Command("coordination", "Find coordinated accounts: co-action networks and clusters.")
        {
            input, format, types, window, minWeight, output, clusters, similarity, minTokens, clusterPairWeight, clusterMinSize, seed,
        };
        command.SetAction(parse =>
        {
            var inFile = new FileInfo(parse.RequiredInput(input));
            if (!inFile.Exists) throw new UsageException($"{inFile.FullName}: no such input file.");
            var selected = ParseTypes(parse.GetValue(types)!);
            var options = new CoordinationOptions
            {
                WindowSeconds = parse.GetValue(window),
                MinWeight = parse.GetValue(minWeight),
                SimilarityThreshold = parse.GetValue(similarity),
                MinSimilarityTokens = parse.GetValue(minTokens),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                // Every value Validate checks came from this command line.
                throw new UsageException(e.Message, e);
            }

            var clock = Stopwatch.StartNew();
            var isQut = (parse.GetValue(format) ?? (inFile.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "qut" : "vigil")) == "qut";
            var read = isQut ? QutCsvReader.Read(inFile.FullName) : VigilPostsReader.Read(inFile.FullName);
            foreach (var record in read.SetAside.Take(20)) Console.Error.WriteLine($"set aside: {record}");
            if (read.SetAside.Count > 20) Console.Error.WriteLine($"set aside: ... and {read.SetAside.Count - 20} more");
            Console.WriteLine($"read {read.Messages.Count} messages from {inFile.Name} in {clock.Elapsed.TotalSeconds:F1} s; {read.SetAside.Count} records set aside");

            var results = new List<CoordinationResult>();
            foreach (var type in selected)
            {
                clock.Restart();
                var result = CoordinationDetector.Detect(read.Messages, options with { Type = type });
                results.Add(result);
                Console.WriteLine($"{CoordinationTypes.Name(type)}: {result.Edges.Count} edges from {result.MessagesConsidered} messages in {clock.Elapsed.TotalSeconds:F2} s");
            }
            WriteEdges(parse.GetValue(output)!.FullName, results);

            if (parse.GetValue(clusters) is { } clustersFile)
            {
                var clusterOptions = new ClusterOptions
                {
                    MinPairWeight = parse.GetValue(clusterPairWeight),
                    MinClusterSize = parse.GetValue(clusterMinSize),
                    Seed = parse.GetValue(seed),
                };
                var found = ClusterFinder.FindClusters(read.Messages, results, clusterOptions);
                var document = new
                {
                    Types = selected.Select(CoordinationTypes.Name).ToArray(),
                    options.WindowSeconds,
                    options.MinWeight,
                    Cluster = clusterOptions,
                    Clusters = found,
                };
                File.WriteAllText(clustersFile.FullName, JsonSerializer.Serialize(document, Json));
                Console.WriteLine($"{found.Count} clusters, {found.Sum(c => c.Members.Count)} accounts -> {clustersFile.Name}");
            }
            return read.SetAside.Count > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }

    private static List<CoordinationType> ParseTypes(string text)
    {
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) return [.. CoordinationTypes.All];
        var types = new List<CoordinationType>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!CoordinationTypes.TryParse(name, out var type))
                throw new UsageException($"--type: unknown type '{name}'; expected one of " +
                                         $"{string.Join(", ", CoordinationTypes.All.Select(CoordinationTypes.Name))} or all");
            if (!types.Contains(type)) types.Add(type);
        }
        return types.Count > 0 ? types : throw new UsageException("--type: no type given");
    }

    private static void WriteEdges(string path, List<CoordinationResult> results)
    {
        var several = results.Count > 1;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.WriteLine(several ? "type,user_1,user_2,weight" : "user_1,user_2,weight");
        foreach (var result in results)
        foreach (var edge in result.Edges)
        {
            if (several) writer.Write(CoordinationTypes.Name(result.Type) + ",");
            writer.Write(CsvFormat.Quote(edge.User1));
            writer.Write(',');
            writer.Write(CsvFormat.Quote(edge.User2));
            writer.Write(',');
            writer.WriteLine(edge.Weight.ToString(CultureInfo.InvariantCulture));
        }
    }
}
