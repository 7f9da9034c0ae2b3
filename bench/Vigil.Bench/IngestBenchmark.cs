using System.Diagnostics;
using Vigil.Ingest;
using Vigil.Postgres;
using Vigil.Storage;
using Vigil.Storage.Sqlite;
using static Vigil.Bench.BenchArgs;

namespace Vigil.Bench;

/// <summary>
/// <c>ingest --posts N</c>: writes N synthetic posts as Vigil JSONL, ingests them into a fresh SQLite file, and prints
/// posts/s and the process's peak working set. Run it at two sizes to see whether memory follows file size.
/// <c>--store postgres --db URL</c> ingests into PostgreSQL instead (an empty schema: bench/postgres/run.sh makes one);
/// <c>--store null</c> keeps nothing, to measure reading and parsing alone.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var posts = Option(args, "--posts", 1_000_000);
        var seed = Option(args, "--seed", 42);
        var batch = Option(args, "--batch", 5_000);
        var storeKind = OptionText(args, "--store") ?? "sqlite";
        if (storeKind is not ("sqlite" or "postgres" or "null")) throw new ArgumentException($"--store: sqlite, postgres or null, not '{storeKind}'.");
        var postgresUrl = OptionText(args, "--db");
        if (storeKind == "postgres" && postgresUrl is null) throw new ArgumentException("--store postgres needs --db postgresql://…");
        var folder = OptionText(args, "--folder") ?? Path.Combine(Path.GetTempPath(), "vigil-bench");
        Directory.CreateDirectory(folder);
        var input = Path.Combine(folder, $"posts-{posts}-{seed}.jsonl");
        var database = Path.Combine(folder, $"ingest-{posts}.db");
        foreach (var stale in (string[])[database, database + "-wal", database + "-shm", IngestOptions.QuarantinePathFor(database)])
            File.Delete(stale);

        var generation = Stopwatch.StartNew();
        if (!File.Exists(input)) SyntheticPosts.Write(input, posts, seed);
        generation.Stop();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakBeforeIngest = process.PeakWorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        IngestSummary summary;
        await using (var postgres = storeKind == "postgres" ? new PostgresDatabase(postgresUrl!) : null)
        await using (var store = postgres is not null ? await postgres.OpenStoreAsync(CancellationToken.None)
                         : storeKind == "null" ? new NullStore() : new SqliteStore(database))
        {
            await store.MigrateAsync();
            summary = await Ingestor.IngestAsync(store, [input], new IngestOptions
            {
                Format = IngestFormat.Vigil, BatchSize = batch, QuarantinePath = IngestOptions.QuarantinePathFor(database),
            });
        }
        clock.Stop();
        process.Refresh();

        var seconds = clock.Elapsed.TotalSeconds;
        var inputBytes = new FileInfo(input).Length;
        Console.WriteLine($"input        {input} ({inputBytes / 1e6:F1} MB, generated in {generation.Elapsed.TotalSeconds:F1} s; 0 s = reused)");
        Console.WriteLine($"taken        {summary.Posts.Taken:N0} posts, {summary.Taken - summary.Posts.Taken:N0} accounts; " +
                          $"{summary.Duplicates:N0} duplicates, {summary.Quarantined:N0} quarantined");
        Console.WriteLine($"elapsed      {seconds:F2} s (open, migrate, ingest, close)");
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"store        {storeKind}");
        Console.WriteLine($"throughput   {summary.Posts.Taken / seconds:N0} posts/s wall, {inputBytes / 1e6 / seconds:F1} MB/s");
        Console.WriteLine($"cpu          {cpuSeconds:F2} s process CPU: {summary.Posts.Taken / cpuSeconds:N0} posts per CPU-second " +
                          $"(load average {LoadAverage()} on {Environment.ProcessorCount} cores)");
        Console.WriteLine($"peak memory  {process.PeakWorkingSet64 / 1e6:F1} MB working set (before ingest {peakBeforeIngest / 1e6:F1} MB)");
        Console.WriteLine($"allocated    {(GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)Math.Max(1, summary.Taken):F0} bytes per record (GC total)");
        if (File.Exists(database)) Console.WriteLine($"database     {new FileInfo(database).Length / 1e6:F1} MB");
        return summary.Quarantined == 0 ? 0 : 1;
    }
}
