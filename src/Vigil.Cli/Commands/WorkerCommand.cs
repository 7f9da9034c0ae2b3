using System.CommandLine;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Redis;
using Vigil.Redis.Worker;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil worker --db DB --queue redis://… --name N [--group G] [--drain]</c>: assesses and decides the posts queued by
/// <c>vigil ingest --queue</c>, in a consumer group, until SIGTERM (or, with <c>--drain</c>, until the stream is
/// drained), then exits 0. Any number of workers may share a group and a database (docs/WORKERS.md).
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var queue = CommonOptions.Queue("The work stream: redis://[:password@]host:port[/db][?stream=NAME] (required).");
        var name = new Option<string?>("--name") { Description = "This worker's consumer name, unique in its group; a restart under the same name resumes its entries (required)." };
        var group = CommonOptions.Group();
        var drain = new Option<bool>("--drain") { Description = "Exit 0 once the stream is drained instead of waiting for more." };
        var mode = CascadeCli.ModeOption();
        var policy = CommonOptions.Policy();
        var defaults = new WorkStreamOptions();
        var batch = new Option<int>("--batch") { Description = "Entries read and committed together.", DefaultValueFactory = _ => 512 };
        var claimIdle = new Option<double>("--claim-idle")
        {
            Description = "Seconds an entry may stay unacknowledged with another worker before this one takes it over.",
            DefaultValueFactory = _ => defaults.ClaimIdle.TotalSeconds,
        };
        var maxDeliveries = new Option<int>("--max-deliveries")
        {
            Description = "Deliveries after which an unacknowledged entry goes to the dead-letter stream (STREAM:dead).",
            DefaultValueFactory = _ => defaults.MaxDeliveries,
        };
        var command = new Command("worker", "Assess and decide the posts queued on a Redis stream, as one of many workers.")
        {
            db, queue, name, group, drain, mode, policy, batch, claimIdle, maxDeliveries,
        };
        command.SetAction(async (parse, ct) =>
        {
            var address = parse.QueueAddress(queue) ?? throw new UsageException("--queue redis://host:port is required.");
            var consumer = parse.GetValue(name) is { Length: > 0 } n ? n : throw new UsageException("--name is required.");
            if (parse.GetValue(batch) is < 1 or > 10_000) throw new UsageException("--batch must be between 1 and 10000.");
            if (parse.GetValue(claimIdle) <= 0) throw new UsageException("--claim-idle must be positive.");
            if (parse.GetValue(maxDeliveries) < 1) throw new UsageException("--max-deliveries must be at least 1.");

            var detector = Detector.LoadDefault();
            // As analyze: every post the policy can act on is decided by the encoder, unless --mode fast.
            using var twoStage = parse.GetValue(mode) == ScoringMode.Fast ? null
                : CascadeDetector.Create(detector, new CascadeOptions { Mode = parse.GetValue(mode), ConfirmFlagged = true });
            var options = new WorkerOptions
            {
                Name = consumer, Detector = detector, TwoStage = twoStage, Policy = parse.LoadPolicy(policy),
                BatchSize = parse.GetValue(batch), Drain = parse.GetValue(drain),
            };
            await using var database = parse.OpenDatabase(db, DatabaseAccess.CreateIfMissing);
            var store = await database.StoreAsync(ct);
            var log = await database.LogAsync(ct);
            await using var stream = await WorkStream.ConnectAsync(address, new WorkStreamOptions
            {
                Group = parse.GetValue(group)!, ClaimIdle = TimeSpan.FromSeconds(parse.GetValue(claimIdle)),
                MaxDeliveries = parse.GetValue(maxDeliveries),
            });
            Console.WriteLine($"worker {consumer}: reading {address} as group {stream.Options.Group}");
            // SIGTERM cancels ct: the worker stops between batches (or abandons one being scored) and the run ends with 0.
            var result = await StreamWorker.RunAsync(stream, store, log, options, new Progress<string>(Console.Error.WriteLine), ct);
            Console.WriteLine($"worker {consumer}: {(result.Drained ? "drained" : "stopped")} after {result.Elapsed.TotalSeconds:F1} s: " +
                              $"{result.Acknowledged:N0} entries acknowledged ({result.Acknowledged / Math.Max(result.Elapsed.TotalSeconds, 1e-3):N0}/s), " +
                              $"{result.Assessed:N0} posts assessed, {result.Decisions:N0} decisions ({result.EventsAppended:N0} log events), " +
                              $"{result.Reclaimed:N0} reclaimed, {result.DeadLettered:N0} dead-lettered, {result.Failed:N0} failed and left pending");
            return ExitCodes.Success;
        });
        return command;
    }
}
