using System.Diagnostics;
using System.Net;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// The real <c>vigil</c> command (Vigil.Cli.dll, built beside these tests) run as a child process, as scripts and
/// operators run it. A served process listens on a loopback port and is killed when disposed.
/// </summary>
internal sealed class VigilProcess : IAsyncDisposable
{
    /// <summary>Kestrel's start-up line naming the address it bound, port included.</summary>
    private const string NowListeningOn = "Now listening on: ";

    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Vigil.Cli.dll");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private VigilProcess(Process process) => _process = process;

    /// <summary>Where the server listens, known once it has said so.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts <c>vigil serve</c> on a loopback port of the system's choosing, learns which from the address the server
    /// announces, and waits until <c>GET /health</c> there says ready. A port picked by the test and handed over would
    /// race every other process on the machine (CI runs the test projects side by side): one that took it first would
    /// answer in the server's place.
    /// </summary>
    public static async Task<VigilProcess> ServeAsync(string database, params string[] extraArgs)
    {
        var process = Process.Start(StartInfo(["serve", "--db", database, "--urls", "http://127.0.0.1:0", .. extraArgs]))!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Trim() is { } text && text.StartsWith(NowListeningOn, StringComparison.Ordinal))
                listening.TrySetResult(new Uri(text[NowListeningOn.Length..]));
        };
        // Drained so a chatty server never blocks on a full pipe; the last lines of stderr say why a start failed.
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            stderr.Enqueue(line.Data);
            while (stderr.Count > 20) stderr.TryDequeue(out string? _);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var served = new VigilProcess(process);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout && !process.HasExited)
        {
            if (listening.Task.IsCompleted && await IsReadyAsync(listening.Task.Result))
            {
                served.BaseAddress = listening.Task.Result;
                return served;
            }
            await Task.Delay(100);
        }
        // Read before killing: a killed Process has no state to report.
        var state = process.HasExited ? $"exited with code {process.ExitCode}" : "still running, killed";
        var address = listening.Task.IsCompleted ? $"on {listening.Task.Result}" : "(it never said where it listens)";
        await served.DisposeAsync();
        throw new InvalidOperationException(
            $"vigil serve did not become ready {address} within {StartTimeout.TotalSeconds:0} s ({state}); last stderr lines:\n{string.Join('\n', stderr)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    private static async Task<bool> IsReadyAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        try
        {
            using var response = await http.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // Not accepting yet.
        }
    }
}
