using System.Diagnostics;
using System.Globalization;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;

namespace Vigil.Bench.Policy;

/// <summary>
/// Throughput of the policy stage: rule evaluation alone, the whole engine (evaluation, events, JSON payloads, hash
/// chain) into memory, and decision-log appends into SQLite. Inputs are synthetic and seeded: same arguments, same
/// inputs. Usage: <c>dotnet run -c Release --project bench/Vigil.Bench.Policy -- [inputs] [seed]</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 42;
        var inputs = Inputs(n, seed);
        var policy = EnforcementPolicy.Default;
        Console.WriteLine($"{n:N0} synthetic inputs (seed {seed}), policy {policy.Version}, {Environment.ProcessorCount} cores");

        // Evaluation alone: warm up once, then time several passes over the same inputs.
        var matched = Evaluate(policy, inputs);
        const int passes = 5;
        _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++) matched = Evaluate(policy, inputs);
        Report("policy evaluation", (long)n * passes, "decisions", watch.Elapsed, $"{matched:N0} matched a rule per pass");

        _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
        var memoryRun = await (await EnforcementEngine.OpenAsync(policy, new InMemoryDecisionLog(), TimeProvider.System)).ApplyAsync(inputs);
        Report("engine -> in-memory log", n, "inputs", watch.Elapsed,
            $"{memoryRun.Decisions:N0} decisions, {memoryRun.EventsAppended:N0} events");

        var path = Path.Combine(Path.GetTempPath(), $"vigil-bench-policy-{Guid.NewGuid():N}.db");
        try
        {
            await using (var log = new SqliteDecisionLog(path))
            {
                var engine = await EnforcementEngine.OpenAsync(policy, log, TimeProvider.System);
                _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
                var run = await engine.ApplyAsync(inputs);
                Report("engine -> SQLite log", n, "inputs", watch.Elapsed,
                    $"{run.Decisions:N0} decisions, {run.EventsAppended:N0} events");

                _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
                var rerun = await (await EnforcementEngine.OpenAsync(policy, log, TimeProvider.System)).ApplyAsync(inputs);
                Report("re-run (replay + idempotent skip)", n, "inputs", watch.Elapsed, $"{rerun.EventsAppended} events appended");
            }

            await using (var log = new SqliteDecisionLog(path + ".append"))
            {
                var events = Events(n);
                _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
                for (var start = 0; start < events.Count; start += 10_000)
                    await log.AppendAsync(events.GetRange(start, Math.Min(10_000, events.Count - start)));
                Report("SQLite log append (batches of 10k)", events.Count, "events", watch.Elapsed, "");

                _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
                var result = await LogVerifier.VerifyAsync(log.ReadAllAsync());
                Report("log verify", result.EventsChecked, "events", watch.Elapsed, result.Intact ? "intact" : result.Message);
            }
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(file);
        }
        return 0;
    }

    private static int Evaluate(EnforcementPolicy policy, PolicyInput[] inputs)
    {
        var matched = 0;
        foreach (var input in inputs)
            if (policy.Evaluate(input, AuthorStanding.Good, 0) is { ContentRule: not null } or { AccountRule: not null }) matched++;
        return matched;
    }

    private static TimeSpan _cpuMark = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Prints wall-clock and CPU-time rates: on a shared machine the CPU-time rate is the steadier figure.</summary>
    private static void Report(string what, long count, string unit, TimeSpan elapsed, string note)
    {
        var cpuNow = Process.GetCurrentProcess().TotalProcessorTime;
        var cpu = cpuNow - _cpuMark;
        _cpuMark = cpuNow;
        Console.WriteLine($"{what,-36} {count,10:N0} {unit,-9} wall {elapsed.TotalSeconds,7:0.000} s {count / elapsed.TotalSeconds,12:N0}/s" +
                          $"  cpu {cpu.TotalSeconds,7:0.000} s {count / cpu.TotalSeconds,12:N0}/s  {note}");
    }

    /// <summary>A mix close to a real feed: mostly nothing, some contested and protected speech, a few violations.</summary>
    private static PolicyInput[] Inputs(int n, int seed)
    {
        var random = new SeededRandom(seed);
        var codes = Enum.GetValues<ContentCode>();
        var explicitness = Enum.GetValues<Explicitness>();
        string[] jurisdictions = ["DE", "FR", "US", "GB", "AT"];
        var inputs = new PolicyInput[n];
        for (var i = 0; i < n; i++)
        {
            var code = random.NextDouble() < 0.7 ? ContentCode.None : codes[random.Next(codes.Length)];
            var score = code == ContentCode.None ? random.NextDouble() * 0.3 : 0.4 + random.NextDouble() * 0.6;
            var postId = "p" + i.ToString(CultureInfo.InvariantCulture);
            inputs[i] = new PolicyInput
            {
                PostId = postId,
                AuthorId = "a" + random.Next(n / 20 + 1).ToString(CultureInfo.InvariantCulture),
                Reach = random.Next(100_000),
                BotScore = random.NextDouble() < 0.05 ? 0.9 : random.NextDouble() * 0.5,
                Jurisdiction = jurisdictions[random.Next(jurisdictions.Length)],
                Assessment = new Assessment
                {
                    PostId = postId,
                    PHateful = score,
                    PAntisemitic = score,
                    Label = TaxonomyTable.Default.Label(code, Target.JewsCollective, explicitness[1 + random.Next(explicitness.Length - 1)]),
                    CodeConfidence = 0.5 + random.NextDouble() * 0.5,
                    ModelVersion = "bench-model",
                    TaxonomyVersion = TaxonomyTable.Default.Version,
                },
            };
        }
        return inputs;
    }

    /// <summary>Decision events with a payload the size the engine writes.</summary>
    private static List<DecisionEvent> Events(int n)
    {
        var events = new List<DecisionEvent>(n);
        var at = DateTimeOffset.UtcNow;
        var payload = new EventPayload
        {
            Rule = "agreed-antisemitic", Actions = "label,demote,exclude-from-recommendations,limit-replies", Author = "a1",
            Consensus = "agreed-antisemitic", Code = "dual-loyalty", Target = "jews-collective", Explicitness = "explicit",
            Language = "en", Score = 0.93, Confidence = 0.81, Reach = 1234, Severity = 2, Evidence = ["word:loyal@10+5"],
        }.ToJson();
        for (var i = 0; i < n; i++)
            events.Add(new DecisionEvent
            {
                Id = "bench|" + i.ToString(CultureInfo.InvariantCulture), Type = DecisionEventType.Decision, At = at,
                Subject = "post:p" + i.ToString(CultureInfo.InvariantCulture), Actor = "engine:bench", PolicyVersion = "bench",
                ModelVersion = "bench-model", TaxonomyVersion = "taxonomy-v1", Payload = payload,
            });
        return events;
    }
}
