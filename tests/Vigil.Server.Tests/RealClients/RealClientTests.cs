using System.Diagnostics;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.RealClients;

/// <summary>
/// Unmodified client libraries from the npm registry, pointed at a running <c>vigil serve</c> on loopback: Google's
/// discovery client (googleapis) for Perspective, OpenAI's official library, and Bluesky's (@atproto/api, @atproto/xrpc-server)
/// for the AT Protocol labeler. The scripts in <c>clients/</c> assert
/// the answers; their packages are installed with <c>npm ci</c> in that folder the first time (pinned by its lock file).
/// </summary>
public sealed class RealClientTests : IAsyncLifetime
{
    private static readonly string ClientsFolder = FindClientsFolder();
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-clients-").FullName;
    private VigilProcess _server = null!;
    private string _key = "";
    private string _slowKey = "";
    private const string LabelerDid = "did:web:labeler.vigil.test";
    private const int Labels = 5;
    private System.Security.Cryptography.ECDsa _labelerKey = null!;

    public async Task InitializeAsync()
    {
        var db = Path.Combine(_dir, "vigil.db");
        _key = await CreateKey(db, "--role", "client");
        _slowKey = await CreateKey(db, "--role", "client", "--rate", "1");
        await SeededDecisions.ApplyAsync(db, Labels);
        (var pem, _labelerKey) = SeededDecisions.LabelerKey();
        await EnsurePackagesAsync();
        _server = await VigilProcess.ServeAsync(db, "--labeler-did", LabelerDid, "--signing-key", pem);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _labelerKey.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public Task GooglesDiscoveryClientTalksToVigilAsToPerspective() => RunNode("perspective.mjs");

    [Fact]
    public Task OpenAisOfficialLibraryTalksToVigilAsToOpenAi() => RunNode("openai.mjs");

    [Fact]
    public Task BlueskysLibrariesReadVigilAsALabelerAndItsSignaturesVerify() => RunNode("labeler.mjs");

    private async Task RunNode(string script)
    {
        var info = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = ClientsFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["VIGIL_URL"] = _server.BaseAddress.ToString().TrimEnd('/');
        info.Environment["VIGIL_KEY"] = _key;
        info.Environment["VIGIL_SLOW_KEY"] = _slowKey;
        info.Environment["VIGIL_LABELER_DID"] = LabelerDid;
        info.Environment["VIGIL_LABEL_COUNT"] = Labels.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var point = _labelerKey.ExportParameters(includePrivateParameters: false).Q;
        info.Environment["VIGIL_LABELER_KEY_HEX"] = "04" + Convert.ToHexString(point.X!) + Convert.ToHexString(point.Y!);
        var (exit, stdout, stderr) = await Run(info, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"node {script} exited {exit}:\n{stdout}\n{stderr}");
        Assert.Contains(": ok", stdout);
    }

    private static async Task<string> CreateKey(string db, params string[] args)
    {
        var (exit, stdout, stderr) = await VigilProcess.RunAsync(["keys", "create", "--db", db, .. args]);
        Assert.True(exit == 0, stderr);
        return stdout.TrimEnd().Split('\n')[^1];
    }

    private static readonly SemaphoreSlim InstallOnce = new(1, 1);

    private static async Task EnsurePackagesAsync()
    {
        await InstallOnce.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(ClientsFolder, "node_modules", "openai"))
                && Directory.Exists(Path.Combine(ClientsFolder, "node_modules", "googleapis"))
                && Directory.Exists(Path.Combine(ClientsFolder, "node_modules", "@atproto", "xrpc-server"))) return;
            var info = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = ClientsFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            var (exit, stdout, stderr) = await Run(info, TimeSpan.FromMinutes(8));
            Assert.True(exit == 0, $"npm ci in {ClientsFolder} exited {exit}:\n{stdout}\n{stderr}");
        }
        finally
        {
            InstallOnce.Release();
        }
    }

    private static async Task<(int, string, string)> Run(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {info.Arguments} took longer than {timeout}.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The scripts live beside this file in the source tree; the tests run from bin/, below it.</summary>
    private static string FindClientsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Vigil.Server.Tests", "clients");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/Vigil.Server.Tests/clients was not found above " + AppContext.BaseDirectory);
    }
}
