using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Cli;
using Vigil.Model;

namespace Vigil.Tests.Reporting;

/// <summary>
/// The next best thing to a second machine: <c>vigil</c> run in a child process whose culture, time zone and JIT differ
/// from this one's (SIMD off, no tiering, no PGO), on a copy of the bundle and database in other folders. Reproducing
/// the bundle there, and drawing it afresh there, must give the very same bytes.
/// </summary>
public sealed class CrossMachineReproduceTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    public static TheoryData<string, string, bool, string> Machines => new()
    {
        // name, LANG/LC_ALL, ICU cultures on (false: invariant globalization), TZ
        { "de-DE, UTC+13:45, SIMD off, no tiering", "de_DE.UTF-8", true, "Pacific/Chatham" },
        { "tr-TR, UTC-03:30, SIMD off, no tiering", "tr_TR.UTF-8", true, "America/St_Johns" },
        { "ar-SA, UTC+05:45, invariant globalization", "ar_SA.UTF-8", false, "Asia/Kathmandu" },
    };

    private static readonly string[] DataFiles = ["manifest.json", "report.json"];

    [Theory]
    [MemberData(nameof(Machines))]
    public void Bundle_reproduces_and_redraws_byte_for_byte_under_another_culture_time_zone_and_jit(
        string machine, string locale, bool icu, string timeZone)
    {
        var home = fixture.NewDirectory("here");
        var labels = Path.Combine(home, "labels.csv");
        File.WriteAllLines(labels, ["post_id,annotator,label", .. fixture.Truth.Select(p => $"{p.Key},alice,{Kebab.From(p.Value)}")]);
        string[] build = ["--model-version", ReportFixture.Model, "--labels", labels, "--size", "50", "--seed", "4", "--change-date", "2026-03-16"];
        var bundle = Path.Combine(home, "bundle");
        Assert.Equal(0, Program.Main(["report", "--db", fixture.DatabasePath, "--out", bundle, .. build]));

        // Elsewhere: another folder (with a space and a non-ASCII letter), a copy of the database under another name.
        var there = Path.Combine(fixture.NewDirectory("there"), "zweite Maschine ü");
        var copy = Path.Combine(there, "bundle");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(bundle)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        SqliteConnection.ClearAllPools();
        var database = Path.Combine(there, "platform copy.db");
        File.Copy(fixture.DatabasePath, database);

        var reproduced = RunElsewhere(locale, icu, timeZone, ["report", "--reproduce", copy, "--db", database]);
        Assert.True(reproduced.Exit == 0, $"{machine}: --reproduce exited {reproduced.Exit}:\n{reproduced.Output}");
        Assert.Contains("reproduced", reproduced.Output, StringComparison.Ordinal);

        var redrawn = Path.Combine(there, "redrawn");
        var drawn = RunElsewhere(locale, icu, timeZone, ["report", "--db", database, "--out", redrawn, .. build]);
        Assert.True(drawn.Exit == 0, $"{machine}: report exited {drawn.Exit}:\n{drawn.Output}");
        var compared = Directory.EnumerateFiles(bundle, "*.csv").Select(Path.GetFileName).Concat(DataFiles).ToList();
        Assert.True(compared.Count > 8);
        foreach (var name in compared)
            Assert.True(File.ReadAllBytes(Path.Combine(bundle, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(redrawn, name!))),
                $"{machine}: {name} drawn there differs from the one drawn here");

        // Where the bundle or the database lies is no input to any figure.
        var manifest = File.ReadAllText(Path.Combine(bundle, "manifest.json"));
        Assert.DoesNotContain(home, manifest, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetFileName(fixture.DatabasePath), manifest, StringComparison.Ordinal);
    }

    private sealed record ChildRun(int Exit, string Output);

    /// <summary>
    /// Runs the built <c>vigil</c> in a child process. Its runtimeconfig turns invariant globalization off (when
    /// <paramref name="icu"/>) so LANG really selects an ICU culture, which the shipped config would otherwise override.
    /// </summary>
    private static ChildRun RunElsewhere(string locale, bool icu, string timeZone, string[] args)
    {
        var bin = AppContext.BaseDirectory;
        var cli = Path.Combine(bin, "Vigil.Cli.dll");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(bin, "Vigil.Cli.runtimeconfig.json")))!;
        config["runtimeOptions"]!["configProperties"]!["System.Globalization.Invariant"] = !icu;
        var configPath = Path.Combine(Path.GetTempPath(), $"vigil-elsewhere-{Guid.NewGuid():N}.runtimeconfig.json");
        File.WriteAllText(configPath, config.ToJsonString());
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in (string[])["exec", "--runtimeconfig", configPath, "--depsfile", Path.Combine(bin, "Vigil.Cli.deps.json"), cli, .. args])
                start.ArgumentList.Add(a);
            start.Environment["LANG"] = locale;
            start.Environment["LC_ALL"] = locale;
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = icu ? "0" : "1";
            start.Environment["TZ"] = timeZone;
            // Another CPU, as far as one machine can pretend: no vector instructions, and code that is not re-jitted
            // with profile data, so any result that depended on the instruction mix would change here.
            start.Environment["DOTNET_EnableHWIntrinsic"] = "0";
            start.Environment["DOTNET_TieredCompilation"] = "0";
            start.Environment["DOTNET_TieredPGO"] = "0";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                return new ChildRun(-1, "timed out\n" + stdout);
            }
            return new ChildRun(process.ExitCode, stdout + stderr.Result);
        }
        finally
        {
            File.Delete(configPath);
        }
    }
}
