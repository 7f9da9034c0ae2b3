using System.Diagnostics;

namespace Vigil.Tests.Cli;

/// <summary>
/// Runs the built <c>vigil</c> as its own process, as a script or a scheduler does. Tests that read what a command
/// prints use it: in process, stdout and stderr are shared with every test running at the same time.
/// </summary>
internal static class VigilProcess
{
    public static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, killAfter: null, args);

    /// <summary>
    /// As <see cref="Run(string, string[])"/>, but SIGKILLs the process (no handler runs, nothing is flushed) when it is
    /// still running after <paramref name="killAfter"/>; the exit code is then -1.
    /// </summary>
    public static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, TimeSpan? killAfter, params string[] args) =>
        Run(workingDirectory, killAfter, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Run(string, string[])"/>, with <paramref name="environment"/> added to the process's environment.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment,
        params string[] args) =>
        Run(workingDirectory, killAfter: null, environment, args);

    private static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, TimeSpan? killAfter,
        IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (killAfter is { } delay && !process.WaitForExit(delay))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, stdout.Result, stderr.Result);
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts vigil and returns at once, for tests that run several at a time, signal or kill them.</summary>
    public static Running Start(string workingDirectory, params string[] args) => new(Process.Start(StartInfo(workingDirectory, args))!);

    /// <summary>A started vigil whose output is collected as it comes (so a full pipe never blocks it).</summary>
    public sealed class Running : IDisposable
    {
        /// <summary>Kestrel's start-up line naming the address it bound, port included.</summary>
        private const string NowListeningOn = "Now listening on: ";

        private readonly Task<string> _stdout, _stderr;
        private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Running(Process process)
        {
            Process = process;
            _stdout = CollectAsync(process.StandardOutput, line =>
            {
                if (line.Trim() is var text && text.StartsWith(NowListeningOn, StringComparison.Ordinal))
                    _listening.TrySetResult(new Uri(text[NowListeningOn.Length..]));
            });
            _stderr = process.StandardError.ReadToEndAsync();
        }

        /// <summary>
        /// Where a started <c>vigil serve --urls http://127.0.0.1:0</c> listens, as it announced: the system picks the
        /// port, so no other process on the machine can have taken it in between.
        /// </summary>
        public Task<Uri> ListeningAsync(TimeSpan timeout) => _listening.Task.WaitAsync(timeout);

        private async Task<string> CollectAsync(StreamReader reader, Action<string> onLine)
        {
            var all = new System.Text.StringBuilder();
            while (await reader.ReadLineAsync() is { } line)
            {
                onLine(line);
                all.Append(line).Append('\n');
            }
            _listening.TrySetException(new InvalidOperationException("vigil exited without saying where it listens."));
            return all.ToString();
        }

        public Process Process { get; }

        /// <summary>SIGTERM, as a service manager stops a process.</summary>
        public void Terminate() => System.Diagnostics.Process.Start("kill", ["-TERM", Process.Id.ToString()])!.WaitForExit();

        /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
        public void Kill()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        /// <summary>Waits for the exit (failing the test after <paramref name="timeout"/>) and returns what it gave.</summary>
        public (int Exit, string Stdout, string Stderr) WaitForExit(TimeSpan timeout)
        {
            if (!Process.WaitForExit(timeout))
            {
                Kill();
                throw new TimeoutException($"vigil did not exit within {timeout}; it wrote: {_stdout.Result}{_stderr.Result}");
            }
            Process.WaitForExit();
            return (Process.ExitCode, _stdout.Result, _stderr.Result);
        }

        public void Dispose()
        {
            if (!Process.HasExited) Kill();
            Process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = workingDirectory,
        };
        // .NET takes an advisory lock on a file it opens for writing. Tests write /dev/full (a device every write to fails,
        // as on a full disk), and so may another test run on this machine at the same time: their locks would collide
        // and the write fail on the lock, not on the disk.
        start.Environment["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Vigil.Cli.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
