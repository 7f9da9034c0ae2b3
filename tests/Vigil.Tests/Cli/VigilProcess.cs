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
    public static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, TimeSpan? killAfter, params string[] args)
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
}
