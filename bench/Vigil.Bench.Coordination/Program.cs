using Vigil.Simulation.Synthetic;
using System.Diagnostics;
using System.Globalization;
using Vigil.Coordination;

// Coordination speed: generates a deterministic synthetic stream (organic accounts at a constant 1.65 messages/s plus
// planted clusters) and times each co-action type on it. Memory is the managed heap sampled every 10 ms during the
// type's run (peak above the post-generation baseline), and the process peak working set at the end. CPU time is
// reported next to wall time because the bench machine is shared: wall time includes waiting for a core.
//
//   dotnet run --project bench/Vigil.Bench.Coordination -c Release -- --messages 1000000 [--types all] [--window 60]
//       [--min-weight 2] [--seed 1] [--threads 0]
var arguments = ParseArguments(args);
var messageCount = int.Parse(arguments.GetValueOrDefault("messages", "1000000"), CultureInfo.InvariantCulture);
var window = double.Parse(arguments.GetValueOrDefault("window", "60"), CultureInfo.InvariantCulture);
var minWeight = int.Parse(arguments.GetValueOrDefault("min-weight", "2"), CultureInfo.InvariantCulture);
var seed = int.Parse(arguments.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
var threads = int.Parse(arguments.GetValueOrDefault("threads", "0"), CultureInfo.InvariantCulture);
var types = arguments.GetValueOrDefault("types", "all") == "all"
    ? CoordinationTypes.All.ToList()
    : arguments["types"].Split(',').Select(t => CoordinationTypes.TryParse(t, out var type) ? type : throw new ArgumentException($"unknown type {t}")).ToList();

var clock = Stopwatch.StartNew();
var data = SyntheticCoordination.Generate(new SyntheticCoordinationOptions
{
    Seed = seed, Messages = messageCount, Humans = Math.Max(1000, messageCount / 10),
});
var messages = data.Messages;
Console.WriteLine($"generated {messages.Count:N0} messages ({messages[^1].Timestamp / 86400:F1} days, {data.Planted.Count} planted clusters) in {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"cores {Environment.ProcessorCount}, threads {(threads == 0 ? Environment.ProcessorCount : threads)}, window {window} s, min weight {minWeight}");
Console.WriteLine("| type | messages | considered | edges | wall s | CPU s | messages/s (wall) | messages/CPU-s | peak managed heap above input (MB) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
var process = Process.GetCurrentProcess();
foreach (var type in types)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    using var sampler = new HeapSampler();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    clock.Restart();
    var result = CoordinationDetector.Detect(messages, new CoordinationOptions
    {
        Type = type, WindowSeconds = window, MinWeight = minWeight, MaxDegreeOfParallelism = threads,
    });
    var seconds = clock.Elapsed.TotalSeconds;
    var peak = sampler.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine($"| {CoordinationTypes.Name(type)} | {messages.Count:N0} | {result.MessagesConsidered:N0} | {result.Edges.Count:N0} | {seconds:F2} | " +
                      $"{cpu:F2} | {messages.Count / seconds:N0} | {messages.Count / cpu:N0} | {(peak - baseline) / 1048576.0:F0} |");
}
Console.WriteLine($"input heap {GC.GetTotalMemory(true) / 1048576.0:F0} MB; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
GC.KeepAlive(messages);

static Dictionary<string, string> ParseArguments(string[] args)
{
    var map = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
    return map;
}

/// <summary>Samples the managed heap size on a background thread; the peak is what a run needed at most.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public HeapSampler()
    {
        _peak = GC.GetTotalMemory(false);
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                Thread.Sleep(10);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return Math.Max(_peak, GC.GetTotalMemory(false));
    }

    public void Dispose() => Stop();
}
