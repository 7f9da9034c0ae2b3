using System.Text.Json;
using Vigil.Simulation;

namespace Vigil.Tests.Simulation;

/// <summary>The JSONL files of one simulation run, read back the way an independent consumer would.</summary>
public sealed class SimulatedPlatform : IDisposable
{
    public SimulatedPlatform(SimulationOptions options)
    {
        Directory = Path.Combine(Path.GetTempPath(), "vigil-sim-" + Guid.NewGuid().ToString("N"));
        Result = Simulator.Run(options, Directory);
        Accounts = ReadLines("accounts.jsonl");
        Posts = ReadLines("posts.jsonl");
        Interactions = ReadLines("interactions.jsonl");
        AccountsById = Accounts.ToDictionary(a => a.GetProperty("id").GetString()!);
        PostsById = Posts.ToDictionary(p => p.GetProperty("id").GetString()!);
    }

    public string Directory { get; }
    public SimulationResult Result { get; }
    public IReadOnlyList<JsonElement> Accounts { get; }
    public IReadOnlyList<JsonElement> Posts { get; }
    public IReadOnlyList<JsonElement> Interactions { get; }
    public IReadOnlyDictionary<string, JsonElement> AccountsById { get; }
    public IReadOnlyDictionary<string, JsonElement> PostsById { get; }

    public static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value.GetString() : null;

    public static DateTimeOffset Time(JsonElement e, string name) =>
        DateTimeOffset.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var array) ? [.. array.EnumerateArray().Select(x => x.GetString()!)] : [];

    private List<JsonElement> ReadLines(string file)
    {
        var lines = new List<JsonElement>();
        foreach (var line in File.ReadLines(Path.Combine(Directory, file)))
        {
            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }
        return lines;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>One default-sized run shared by the read-only tests (a few seconds to build).</summary>
public sealed class DefaultPlatformFixture : IDisposable
{
    public SimulatedPlatform Platform { get; } = new(new SimulationOptions { Seed = 7, Days = 21 });

    public void Dispose() => Platform.Dispose();
}
