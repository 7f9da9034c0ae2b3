using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Text;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil review queue</c> lists proposals by expected harm; <c>vigil review decide ID --reviewer NAME --approve|--reject</c>
/// records a human decision, the only way a removal or geo-restriction takes effect. <c>vigil review enqueue-sample</c>,
/// <c>label-queue</c> and <c>label</c> are the labelling side: a measurement sample's posts queued, and reviewers'
/// consensus-class labels recorded in the decision log, where <c>--labels-from-log</c> reads them back.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var command = new Command("review", "The human review queue.");
        command.Subcommands.Add(Queue());
        command.Subcommands.Add(Decide());
        command.Subcommands.Add(EnqueueSample());
        command.Subcommands.Add(LabelQueueList());
        command.Subcommands.Add(Label());
        return command;
    }

    private static Command Queue()
    {
        var db = DecisionLogCli.Database();
        var top = new Option<int>("--top") { Description = "How many to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("queue", "List pending review requests, most expected harm first.");
        command.Options.Add(db);
        command.Options.Add(top);
        command.SetAction(parse =>
        {
            using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "review queue");
            if (log is null) return ExitCodes.UsageOrInputError;
            var queue = EnforcementState.Replay(log.ReadAll()).Queue();
            var table = new Table().AddColumns("expected harm", "subject", "rule", "proposed", "request id");
            foreach (var item in queue.Take(parse.GetValue(top)))
                table.AddRow(item.ExpectedHarm.ToString("0.##", CultureInfo.InvariantCulture), Markup.Escape(item.Subject),
                    Markup.Escape(item.Rule ?? ""), Ladder.Format(item.Proposed), Markup.Escape(item.Id));
            AnsiConsole.Write(table);
            Console.WriteLine($"{queue.Count} pending.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Decide()
    {
        var db = DecisionLogCli.Database();
        var policy = DecisionLogCli.PolicyFile();
        var request = new Argument<string>("request") { Description = "Review request id (from 'vigil review queue')." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewer's id.", Required = true };
        var approve = new Option<bool>("--approve") { Description = "Put the proposed actions into effect." };
        var reject = new Option<bool>("--reject") { Description = "Decline the proposal." };
        var note = new Option<string>("--note") { Description = "Reason, kept in the log.", DefaultValueFactory = _ => "" };
        var label = ClassOption(required: false);
        var command = new Command("decide", "Record a human reviewer's decision on a review request.");
        command.Arguments.Add(request);
        foreach (var option in new Option[] { db, policy, reviewer, approve, reject, note, label }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(approve) == parse.GetValue(reject))
            {
                Console.Error.WriteLine("vigil review decide: give exactly one of --approve and --reject.");
                return ExitCodes.UsageOrInputError;
            }
            ConsensusClass? consensus = null;
            if (parse.GetValue(label) is { } text)
            {
                if (!TryClass(text, "review decide", out var parsed)) return ExitCodes.UsageOrInputError;
                consensus = parsed;
            }
            var loaded = DecisionLogCli.LoadPolicy(parse.GetValue(policy), "review decide");
            using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "review decide");
            if (log is null || loaded is null) return ExitCodes.UsageOrInputError;
            try
            {
                var engine = new EnforcementEngine(loaded, log, TimeProvider.System);
                var human = new HumanReviewer(parse.GetValue(reviewer)!);
                var requestId = parse.GetValue(request)!;
                var events = engine.DecideReview(requestId, human, parse.GetValue(approve), parse.GetValue(note)!);
                var labelled = 0;
                // The decision and the label are two appends: should the second fail, the decision stands and the label
                // can be given again with 'vigil review label'.
                if (consensus is { } c && engine.State.Review(requestId)?.Subject is { } subject && subject.StartsWith("post:", StringComparison.Ordinal))
                {
                    new LabelQueue(log, TimeProvider.System).Label(subject["post:".Length..], human, c, parse.GetValue(note)!);
                    labelled = 1;
                }
                Console.WriteLine($"recorded {events.Count + labelled} event(s).");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is EnforcementException or ArgumentException)
            {
                Console.Error.WriteLine($"vigil review decide: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static Command EnqueueSample()
    {
        var db = DecisionLogCli.Database();
        var task = new Argument<string>("task") { Description = "Task file from 'vigil measure sample'." };
        var sample = new Option<string?>("--sample") { Description = "Name to queue the sample under (default: derived from its design, seed and posts)." };
        var command = new Command("enqueue-sample", "Queue a measurement sample's posts for labelling by reviewers.");
        command.Arguments.Add(task);
        command.Options.Add(db);
        command.Options.Add(sample);
        command.SetAction(parse =>
        {
            const string name = "vigil review enqueue-sample";
            var taskPath = parse.GetValue(task)!;
            try
            {
                IReadOnlyList<LabelsTaskRow> rows;
                using (var reader = Utf8Input.OpenText(taskPath)) rows = LabelsTaskFile.Read(reader, taskPath);
                if (rows.Count == 0)
                {
                    Console.Error.WriteLine($"{name}: {taskPath} holds no sampled post.");
                    return ExitCodes.UsageOrInputError;
                }
                using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "review enqueue-sample");
                if (log is null) return ExitCodes.UsageOrInputError;
                var ids = rows.Select(r => r.PostId).ToList();
                var sampleId = parse.GetValue(sample) ?? LabelsTaskFile.SampleId(Kebab.From(rows[0].Design), rows[0].Seed, ids);
                var added = new LabelQueue(log, TimeProvider.System).Enqueue(sampleId, ids);
                Console.WriteLine($"{name}: sample {sampleId}: {added:N0} posts queued for labelling " +
                                  $"({ids.Distinct(StringComparer.Ordinal).Count() - added:N0} were already queued).");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is LabelsFormatException or IOException or ArgumentException)
            {
                Console.Error.WriteLine($"{name}: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static Command LabelQueueList()
    {
        var db = DecisionLogCli.Database();
        var reviewer = new Option<string?>("--reviewer") { Description = "List what this reviewer has not labelled (for a second opinion)." };
        var sample = new Option<string?>("--sample") { Description = "Only this sample's posts." };
        var top = new Option<int>("--top") { Description = "How many to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("label-queue", "List sampled posts waiting for a label, in the order they were queued.");
        foreach (var option in new Option[] { db, reviewer, sample, top }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "review label-queue");
            if (log is null) return ExitCodes.UsageOrInputError;
            var pending = new LabelQueue(log, TimeProvider.System).Pending(parse.GetValue(reviewer), parse.GetValue(sample));
            var table = new Table().AddColumns("post", "sample", "queued at");
            foreach (var request in pending.Take(parse.GetValue(top)))
                table.AddRow(Markup.Escape(request.PostId), Markup.Escape(request.Sample),
                    request.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            Console.WriteLine($"{pending.Count} waiting for a label.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Label()
    {
        var db = DecisionLogCli.Database();
        var post = new Argument<string>("post") { Description = "Id of the post to label." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewer's id.", Required = true };
        var label = ClassOption(required: true);
        var note = new Option<string>("--note") { Description = "Why, kept in the log.", DefaultValueFactory = _ => "" };
        var command = new Command("label", "Record a reviewer's consensus-class label on a post (the latest label of each reviewer counts).");
        command.Arguments.Add(post);
        foreach (var option in new Option[] { db, reviewer, label, note }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (!TryClass(parse.GetValue(label)!, "review label", out var consensus)) return ExitCodes.UsageOrInputError;
            using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "review label");
            if (log is null) return ExitCodes.UsageOrInputError;
            try
            {
                var e = new LabelQueue(log, TimeProvider.System).Label(parse.GetValue(post)!, new HumanReviewer(parse.GetValue(reviewer)!),
                    consensus, parse.GetValue(note)!);
                Console.WriteLine($"recorded {e.Subject}: {Kebab.From(consensus)} by {e.Actor} (event {e.Sequence}).");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is EnforcementException or ArgumentException)
            {
                Console.Error.WriteLine($"vigil review label: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static Option<string> ClassOption(bool required) => new("--class")
    {
        Description = "Consensus class in kebab-case: " + string.Join(", ", Enum.GetValues<ConsensusClass>().Select(Kebab.From)) + ".",
        Required = required,
    };

    private static bool TryClass(string text, string command, out ConsensusClass label)
    {
        if (Kebab.TryParse(text.Trim(), out label)) return true;
        Console.Error.WriteLine($"vigil {command}: --class '{text}' is not one of " +
                                string.Join(", ", Enum.GetValues<ConsensusClass>().Select(Kebab.From)) + ".");
        return false;
    }
}
