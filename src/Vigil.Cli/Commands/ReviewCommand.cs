using System.CommandLine;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Storage;

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

    /// <summary>The reviewer a <c>--reviewer</c> value names; a malformed id is a usage error.</summary>
    public static HumanReviewer Reviewer(string id) =>
        HumanReviewer.IsValidId(id) ? new HumanReviewer(id) : throw new UsageException($"--reviewer '{id}': {HumanReviewer.IdRule}");

    private static Command Queue()
    {
        var db = CommonOptions.Database();
        var top = new Option<int>("--top") { Description = "How many to list.", DefaultValueFactory = _ => 20 };
        var format = ResultOutput.FormatOption();
        var command = new Command("queue", "List pending review requests, most expected harm first.") { db, top, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var queue = (await EnforcementState.ReplayAsync((await database.LogAsync(ct)).ReadAllAsync(ct), ct)).Queue();
            var table = new ResultTable("queue", "expected harm", "subject", "rule", "proposed", "request id");
            foreach (var item in queue.Take(parse.GetValue(top)))
                table.Add(Cell.Number(item.ExpectedHarm, "0.##"), item.Subject.ToString(), item.Rule ?? "", Ladder.Format(item.Proposed), item.Id);
            var output = ResultOutput.For(parse, format);
            output.Write(table);
            output.Note($"{queue.Count} pending.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Decide()
    {
        var db = CommonOptions.Database();
        var policy = CommonOptions.Policy();
        var request = new Argument<string>("request") { Description = "Review request id (from 'vigil review queue')." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewer's id.", Required = true };
        var approve = new Option<bool>("--approve") { Description = "Put the proposed actions into effect." };
        var reject = new Option<bool>("--reject") { Description = "Decline the proposal." };
        var note = new Option<string>("--note") { Description = "Reason, kept in the log.", DefaultValueFactory = _ => "" };
        var label = ClassOption(required: false);
        var command = new Command("decide", "Record a human reviewer's decision on a review request.")
        {
            request, db, policy, reviewer, approve, reject, note, label,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(approve) == parse.GetValue(reject)) throw new UsageException("give exactly one of --approve and --reject.");
            ConsensusClass? consensus = parse.GetValue(label) is { } text ? Class(text) : null;
            var human = Reviewer(parse.GetValue(reviewer)!);
            var loaded = parse.LoadPolicy(policy);
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var engine = await EnforcementEngine.OpenAsync(loaded, await database.LogAsync(ct), TimeProvider.System, ct: ct);
            var requestId = parse.GetValue(request)!;
            var events = await engine.DecideReviewAsync(requestId, human, parse.GetValue(approve), parse.GetValue(note)!, ct: ct);
            var labelled = 0;
            // The decision and the label are two appends: should the second fail, the decision stands and the label
            // can be given again with 'vigil review label'.
            if (consensus is { } c && engine.State.Review(requestId)?.Subject is { IsPost: true } subject)
            {
                await new LabelQueue(await database.LogAsync(ct), TimeProvider.System).LabelAsync(subject.Id, human, c, parse.GetValue(note)!, ct);
                labelled = 1;
            }
            Console.WriteLine($"recorded {events.Count + labelled} event(s).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command EnqueueSample()
    {
        var db = CommonOptions.Database();
        var task = MeasureInputs.TaskOption();
        var oldTask = Deprecations.OldPositional("TASK", "--task FILE");
        var sample = new Option<string?>("--sample") { Description = "Name to queue the sample under (default: derived from its design, seed and posts)." };
        var command = new Command("enqueue-sample", "Queue a measurement sample's posts for labelling by reviewers.") { task, oldTask, db, sample };
        command.SetAction(async (parse, ct) =>
        {
            var taskPath = parse.RequiredInput(task, oldTask);
            var rows = MeasureInputs.ReadTask(taskPath);
            if (rows.Count == 0) throw new UsageException($"{taskPath} holds no sampled post.");
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var ids = rows.Select(r => r.PostId).ToList();
            var sampleId = parse.GetValue(sample) ?? LabelsTaskFile.SampleId(Kebab.From(rows[0].Design), rows[0].Seed, ids);
            var added = await new LabelQueue(await database.LogAsync(ct), TimeProvider.System).EnqueueAsync(sampleId, ids, ct);
            Console.WriteLine($"vigil review enqueue-sample: sample {sampleId}: {added:N0} posts queued for labelling " +
                              $"({ids.Distinct(StringComparer.Ordinal).Count() - added:N0} were already queued).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command LabelQueueList()
    {
        var db = CommonOptions.Database();
        var reviewer = new Option<string?>("--reviewer") { Description = "List what this reviewer has not labelled (for a second opinion)." };
        var sample = new Option<string?>("--sample") { Description = "Only this sample's posts." };
        var top = new Option<int>("--top") { Description = "How many to list.", DefaultValueFactory = _ => 20 };
        var format = ResultOutput.FormatOption();
        var command = new Command("label-queue", "List sampled posts waiting for a label, in the order they were queued.")
        {
            db, reviewer, sample, top, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var pending = await new LabelQueue(await database.LogAsync(ct), TimeProvider.System).PendingAsync(parse.GetValue(reviewer), parse.GetValue(sample), ct);
            var table = new ResultTable("label_queue", "post", "sample", "queued at");
            foreach (var request in pending.Take(parse.GetValue(top))) table.Add(request.PostId, request.Sample, Cell.Time(request.At));
            var output = ResultOutput.For(parse, format);
            output.Write(table);
            output.Note($"{pending.Count} waiting for a label.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Label()
    {
        var db = CommonOptions.Database();
        var post = new Argument<string>("post") { Description = "Id of the post to label." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewer's id.", Required = true };
        var label = ClassOption(required: true);
        var note = new Option<string>("--note") { Description = "Why, kept in the log.", DefaultValueFactory = _ => "" };
        var command = new Command("label", "Record a reviewer's consensus-class label on a post (the latest label of each reviewer counts).")
        {
            post, db, reviewer, label, note,
        };
        command.SetAction(async (parse, ct) =>
        {
            var consensus = Class(parse.GetValue(label)!);
            var human = Reviewer(parse.GetValue(reviewer)!);
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var e = await new LabelQueue(await database.LogAsync(ct), TimeProvider.System).LabelAsync(parse.GetValue(post)!, human, consensus,
                parse.GetValue(note)!, ct);
            Console.WriteLine($"recorded {e.Subject}: {Kebab.From(consensus)} by {e.Actor} (event {e.Sequence}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> ClassOption(bool required) => new("--class")
    {
        Description = "Consensus class in kebab-case: " + string.Join(", ", Enum.GetValues<ConsensusClass>().Select(Kebab.From)) + ".",
        Required = required,
    };

    private static ConsensusClass Class(string text) =>
        Kebab.TryParse(text.Trim(), out ConsensusClass label) ? label
            : throw new UsageException($"--class '{text}' is not one of " + string.Join(", ", Enum.GetValues<ConsensusClass>().Select(Kebab.From)) + ".");
}
