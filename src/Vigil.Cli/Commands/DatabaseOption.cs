using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary>The <c>--db</c> option every command that reads or writes the store shares.</summary>
internal static class DatabaseOption
{
    public const string DefaultPath = "vigil.db";

    public static Option<string> Create() => new("--db")
    {
        Description = $"SQLite database file (default: {DefaultPath} in the current folder).",
        DefaultValueFactory = _ => DefaultPath,
    };
}
