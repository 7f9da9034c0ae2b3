using System.Diagnostics;

namespace Vigil.Tests.Cli;

/// <summary>
/// Runs the built <c>vigil</c> as its own process, as a script or a scheduler does. Tests that read what a command
/// prints use it: in process, stdout and stderr are shared with every test running at the same time.
/// </summary>
internal static class VigilProcess
{
    public static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Vigil.Cli.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
