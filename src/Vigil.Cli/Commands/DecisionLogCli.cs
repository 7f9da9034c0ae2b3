using System.CommandLine;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Policy;

namespace Vigil.Cli.Commands;

/// <summary>Options and plumbing shared by the policy, log, review, appeal and export commands.</summary>
internal static class DecisionLogCli
{
    public const string DefaultDatabase = "vigil.db";

    public static Option<string> Database() => new("--db")
    {
        Description = $"SQLite database file holding the decision log (default: {DefaultDatabase}).",
        DefaultValueFactory = _ => DefaultDatabase,
    };

    public static Option<string?> PolicyFile() => new("--policy")
    {
        Description = "Policy YAML file (default: the shipped policies/default.yaml).",
    };

    /// <summary>Opens an existing log; commands that only read must not create an empty database by accident.</summary>
    public static SqliteDecisionLog? OpenExisting(string path, string command)
    {
        if (File.Exists(path)) return new SqliteDecisionLog(path);
        Console.Error.WriteLine($"vigil {command}: database '{path}' does not exist.");
        return null;
    }

    public static EnforcementPolicy? LoadPolicy(string? path, string command)
    {
        if (path is null) return EnforcementPolicy.Default;
        try
        {
            return EnforcementPolicy.Load(path);
        }
        catch (Exception e) when (e is PolicyFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"vigil {command}: {e.Message}");
            return null;
        }
    }
}
