using System.CommandLine;
using Spectre.Console;
using Vigil.Ingest;
using Vigil.Redis;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil ingest --in FILE... [--input-format F] [--map field=column,...] [--db PATH]</c>: streams files into the database.
/// Rejected records go to <c>PATH.quarantine.jsonl</c> and to stderr as <c>file:line: reason</c>. With
/// <c>--queue redis://…</c> it also appends a work item per new post for <c>vigil worker</c>, waiting while the stream is full.
/// </summary>
internal static class IngestCommand
{
    private const int RejectionsPrinted = 20;
    /// <summary>As long as a worker waits out an outage (WorkStreamOptions.MaxOutage): a restart or failover of the database takes seconds to a minute or two.</summary>
    private static readonly TimeSpan DefaultMaxOutage = new WorkStreamOptions().MaxOutage;

    public static Command Create()
    {
        var files = CommonOptions.Inputs("Input files.");
        var oldFiles = Deprecations.OldPositional("FILE...", "--in FILE...");
        var format = new Option<string?>("--input-format") { Description = "Input format; detected per file when left out." }
            .WithOldName("--format");
        format.AcceptOnlyFromAmong(Enum.GetValues<IngestFormat>().Select(IngestFormats.Name).ToArray());
        var map = new Option<string?>("--map")
        {
            Description = "CSV column mapping, e.g. id=tweet_id,author_id=user_id,text=content,created_at=timestamp.",
        };
        var db = CommonOptions.Database();
        var queue = CommonOptions.Queue("Also append a work item per new post to this Redis stream, for vigil worker: redis://[:password@]host:port[/db][?stream=NAME].");
        var group = CommonOptions.Group();
        var queueLimit = new Option<long>("--queue-limit")
        {
            Description = "With --queue: wait while the stream holds this many entries (acknowledged ones are trimmed, never others).",
            DefaultValueFactory = _ => new WorkStreamOptions().MaxLength,
        };

        var maxOutage = new Option<double>("--max-outage")
        {
            Description = "Seconds a batch write waits out the database going away (a restart, a failover) before the run fails.",
            DefaultValueFactory = _ => DefaultMaxOutage.TotalSeconds,
        };

        var command = new Command("ingest", "Read posts, accounts and interactions into the database.")
        {
            files, oldFiles, format, map, db, queue, group, queueLimit, maxOutage,
        };
        command.SetAction(async (parse, ct) =>
        {
            var inputs = parse.RequiredInputs(files, oldFiles);
            var columns = ParseMap(parse.GetValue(map));
            var chosen = parse.GetValue(format) is { } name && IngestFormats.TryParse(name, out var f) ? f : (IngestFormat?)null;
            var address = parse.QueueAddress(queue);
            if (parse.GetValue(queueLimit) < 1) throw new UsageException("--queue-limit must be at least 1.");
            if (parse.GetValue(maxOutage) is var outage && !(outage >= 0)) throw new UsageException("--max-outage must be zero or more seconds.");
            var wait = TimeSpan.FromSeconds(outage);
            await using var database = parse.OpenDatabase(db, DatabaseAccess.CreateIfMissing);
            if (address is null) return await RunAsync(database, inputs, chosen, columns, wait, null, ct);
            await using var stream = await WorkStream.ConnectAsync(address,
                new WorkStreamOptions { Group = parse.GetValue(group)!, MaxLength = parse.GetValue(queueLimit) });
            var producer = new WorkProducer(stream, await database.StoreAsync(ct));
            var exit = await RunAsync(database, inputs, chosen, columns, wait, producer, ct);
            Console.WriteLine($"ingest: {producer.Queued:N0} work items queued on {address} " +
                              $"(waited {producer.Waited.TotalSeconds:F1} s for workers)");
            return exit;
        });
        return command;
    }

    private static async Task<int> RunAsync(VigilDatabase database, IReadOnlyList<string> files, IngestFormat? format,
        Dictionary<string, string> columns, TimeSpan maxOutage, WorkProducer? producer, CancellationToken ct)
    {
        var printed = 0;
        var options = new IngestOptions
        {
            Format = format,
            CsvColumns = columns,
            // A database on a server has no folder of its own: its quarantine file goes to the current folder.
            QuarantinePath = IngestOptions.QuarantinePathFor(database.SqlitePath ?? "vigil-ingest"),
            BeforePostsStored = producer is null ? null : producer.QueueNewAsync,
            MaxOutage = maxOutage,
            OnOutage = (error, pause) => Console.Error.WriteLine(
                $"ingest: the database is unavailable ({error.GetType().Name}: {error.Message}); trying the batch again in {pause.TotalSeconds:F1} s"),
            OnRejected = rejection =>
            {
                if (printed++ < RejectionsPrinted) Console.Error.WriteLine($"{rejection.Source}:{rejection.Line}: {rejection.Reason}");
                else if (printed == RejectionsPrinted + 1) Console.Error.WriteLine("... further rejections only in the quarantine file.");
            },
        };
        var store = await database.StoreAsync(ct);
        var summary = AnsiConsole.Profile.Capabilities.Interactive
            ? await WithProgressBarAsync(store, files, options, ct)
            : await Ingestor.IngestAsync(store, files, options, new PlainProgress(), ct);
        PrintSummary(summary, options.QuarantinePath!);
        return summary.Quarantined > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
    }

    private static Task<IngestSummary> WithProgressBarAsync(IVigilStore store, IReadOnlyList<string> files, IngestOptions options,
        CancellationToken ct) =>
        AnsiConsole.Progress().StartAsync(context =>
        {
            var task = context.AddTask("ingest", maxValue: 1);
            return Ingestor.IngestAsync(store, files, options, new SynchronousProgress(p =>
            {
                task.Description = Markup.Escape($"{Path.GetFileName(p.Source)} ({p.FileIndex + 1}/{p.FileCount}) {p.Records:N0} records");
                task.Value = (p.FileIndex + (p.BytesTotal > 0 ? (double)p.BytesRead / p.BytesTotal : 1)) / p.FileCount;
            }), ct);
        });

    private static void PrintSummary(IngestSummary summary, string quarantinePath)
    {
        // Plain lines rather than a table: they read the same in a terminal and in a CI log, and grep well.
        foreach (var file in summary.Files)
        {
            Console.WriteLine($"  {file.Source} ({IngestFormats.Name(file.Format)}): {file.Read:N0} read = {file.Posts.Taken:N0} posts, " +
                              $"{file.Accounts.Taken:N0} accounts, {file.Interactions.Taken:N0} interactions taken; " +
                              $"{file.Duplicates:N0} duplicates, {file.Quarantined:N0} quarantined, {file.Ignored:N0} ignored");
        }
        var seconds = summary.Elapsed.TotalSeconds;
        Console.WriteLine($"ingest: {summary.Read:N0} read = {summary.Taken:N0} taken, {summary.Duplicates:N0} duplicates, {summary.Quarantined:N0} quarantined, " +
                          $"{summary.Ignored:N0} ignored in {seconds:F1} s ({(seconds > 0 ? summary.Posts.Taken / seconds : 0):N0} posts/s)" +
                          (summary.Quarantined > 0 ? $"; quarantine: {quarantinePath}" : ""));
    }

    /// <summary>The <c>--map</c> pairs; a pair that is not field=column, or a field mapped twice, is a usage error.</summary>
    internal static Dictionary<string, string> ParseMap(string? text)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return columns;
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1) throw new UsageException($"--map: '{pair}' is not field=column.");
            if (!columns.TryAdd(pair[..equals].Trim(), pair[(equals + 1)..].Trim()))
                throw new UsageException($"--map: '{pair[..equals]}' is mapped twice.");
        }
        return columns;
    }

    /// <summary>Without a terminal: a plain line per file step of 10%, so logs show movement without flooding.</summary>
    private sealed class PlainProgress : IProgress<IngestProgress>
    {
        private int _lastFile = -1, _lastTenth = -1;

        public void Report(IngestProgress value)
        {
            var tenth = value.BytesTotal > 0 ? (int)(10 * value.BytesRead / value.BytesTotal) : 10;
            if (value.FileIndex == _lastFile && tenth == _lastTenth) return;
            _lastFile = value.FileIndex;
            _lastTenth = tenth;
            Console.WriteLine($"ingest: {value.Source} ({value.FileIndex + 1}/{value.FileCount}) {tenth * 10}%, {value.Records:N0} records");
        }
    }

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; the bar must be updated on the ingesting thread.</summary>
    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
