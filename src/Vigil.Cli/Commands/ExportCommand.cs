using System.CommandLine;
using System.Text;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Exports;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil export dsa|atproto|csv</c>: decisions from the log in the formats regulators and networks read.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Export decisions: DSA statements of reasons, AT Protocol labels, CSV.");
        command.Subcommands.Add(Dsa());
        command.Subcommands.Add(Atproto());
        command.Subcommands.Add(Csv());
        return command;
    }

    private static Command Dsa()
    {
        var db = CommonOptions.Database();
        var policy = CommonOptions.Policy();
        var output = new Option<string>("--out") { Description = "Folder for dsa-0001.json, dsa-0002.json, ...", Required = true };
        var command = new Command("dsa", "Statements of reasons for the EU DSA Transparency Database (API v2), 100 per file.");
        command.Options.Add(db);
        command.Options.Add(policy);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            var loaded = parse.LoadPolicy(policy);
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var batches = DsaStatementExporter.Batches(await EnforcementState.ReplayAsync((await database.LogAsync(ct)).ReadAllAsync(ct), ct), loaded);
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            for (var i = 0; i < batches.Count; i++)
                File.WriteAllText(Path.Combine(folder, $"dsa-{i + 1:D4}.json"), batches[i], new UTF8Encoding(false));
            Console.WriteLine($"wrote {batches.Count} batch file(s) to {folder}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Atproto()
    {
        var db = CommonOptions.Database();
        var output = new Option<string>("--out") { Description = "JSON file of labels.", Required = true };
        var did = new Option<string>("--did") { Description = "The labeler's DID (src), e.g. did:web:mod.example.org.", Required = true };
        var didPrefix = new Option<string>("--did-prefix")
        {
            Description = "Turns account ids that are not DIDs into DIDs.", DefaultValueFactory = _ => "did:plc:",
        };
        var key = new Option<string?>("--key")
        {
            Description = $"PEM file with the labeler's P-256 key (default: ${LogHeadSigner.KeyEnvironmentVariable}).",
        };
        var command = new Command("atproto", "Signed com.atproto.label.defs#label records, with negations for reversals.");
        foreach (var option in new Option[] { db, output, did, didPrefix, key }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var labelerDid = parse.GetValue(did)!;
            if (!labelerDid.StartsWith("did:", StringComparison.Ordinal)) throw new UsageException($"--did '{labelerDid}' is not a DID.");
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            using (var signingKey = LogCommand.LoadSigningKey(parse.GetValue(key)))
            {
                var options = new AtprotoOptions { LabelerDid = labelerDid, DidPrefix = parse.GetValue(didPrefix)! };
                var labels = AtprotoLabelExporter.Build(await EnforcementState.ReplayAsync((await database.LogAsync(ct)).ReadAllAsync(ct), ct), options)
                    .Select(label => AtprotoLabelExporter.Sign(label, signingKey)).ToList();
                File.WriteAllText(parse.GetValue(output)!, AtprotoLabelExporter.ToJson(labels), new UTF8Encoding(false));
                Console.WriteLine($"wrote {labels.Count} signed label(s) to {parse.GetValue(output)}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Csv()
    {
        var db = CommonOptions.Database();
        var output = new Option<string>("--out") { Description = "CSV file.", Required = true };
        var command = new Command("csv", "Every decision, in effect or reversed, as CSV.");
        command.Options.Add(db);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            using var writer = new StreamWriter(parse.GetValue(output)!, false, new UTF8Encoding(false));
            DecisionCsvExporter.Write(await EnforcementState.ReplayAsync((await database.LogAsync(ct)).ReadAllAsync(ct), ct), writer);
            Console.WriteLine($"wrote {parse.GetValue(output)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
