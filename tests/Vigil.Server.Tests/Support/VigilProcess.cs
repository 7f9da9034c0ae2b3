using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// The real <c>vigil</c> command (Vigil.Cli.dll, built beside these tests) run as a child process, as scripts and
/// operators run it. A served process listens on a free loopback port and is killed when disposed.
/// </summary>
internal sealed class VigilProcess : IAsyncDisposable
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Vigil.Cli.dll");
    private readonly Process _process;

    private VigilProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>vigil serve</c> on a free loopback port and waits until <c>GET /health</c> says ready.</summary>
    public static async Task<VigilProcess> ServeAsync(string database, params string[] extraArgs)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var process = Process.Start(StartInfo(["serve", "--db", database, "--urls", baseAddress.ToString().TrimEnd('/'), .. extraArgs]))!;
        // Drained so a chatty server never blocks on a full pipe; the last lines of stderr say why a start failed.
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            stderr.Enqueue(line.Data);
            while (stderr.Count > 20) stderr.TryDequeue(out string? _);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var served = new VigilProcess(process, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) break;
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return served;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        // Read before disposing: a disposed Process has no state to report.
        var state = process.HasExited ? $"exited with code {process.ExitCode}" : "still running, killed";
        await served.DisposeAsync();
        throw new InvalidOperationException(
            $"vigil serve did not become ready on {baseAddress} within 60 s ({state}); last stderr lines:\n{string.Join('\n', stderr)}");
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

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
