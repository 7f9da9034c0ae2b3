using System.Diagnostics;
using System.Globalization;

namespace Vigil.Cli.Hosting;

/// <summary>
/// Progress lines of a long command, optionally prefixed with how far it has come: wall time, process CPU time, the
/// managed heap, the peak resident set, and the full collections and collector pauses so far (<c>--timings</c>). The profile of a whole-platform run, stage by stage,
/// without a profiler: a stage's cost is the difference between its line and the next, and the stage that raised the
/// peak is the one after which it moved. Written synchronously, so each line is stamped when its stage starts.
/// </summary>
internal sealed class StageClock(bool timings, TextWriter output) : IProgress<string>
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public void Report(string value)
    {
        if (!timings)
        {
            output.WriteLine(value);
            return;
        }
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[wall {_wall.Elapsed.TotalSeconds,7:F1} s  CPU {process.TotalProcessorTime.TotalSeconds,7:F1} s  heap {GC.GetTotalMemory(false) / 1048576.0,6:F0} MB  peak RSS {process.PeakWorkingSet64 / 1048576.0,6:F0} MB  gen2 {GC.CollectionCount(2),4}  GC pause {GC.GetTotalPauseDuration().TotalSeconds,6:F1} s] {value}"));
    }
}
