using System.CommandLine;
using Vigil.Policy;
using Vigil.Storage;

namespace Vigil.Cli.Hosting;

/// <summary>
/// Options that mean the same on every command, made in one place so that they also read the same: the database,
/// the policy, the seed, the main input.
/// </summary>
internal static class CommonOptions
{
    public static Option<string> Database() => new("--db")
    {
        Description = $"The database: a SQLite file (default: {VigilDatabase.DefaultLocation} in the current folder), or PostgreSQL as " +
                      "postgresql://user:password@host:port/database or Host=...;Username=...;Password=...;Database=...",
        DefaultValueFactory = _ => VigilDatabase.DefaultLocation,
    };

    /// <summary>Opens what <see cref="Database"/> names.</summary>
    public static VigilDatabase OpenDatabase(this ParseResult parse, Option<string> db, DatabaseAccess access) =>
        VigilDatabase.Open(parse.GetValue(db)!, access);

    /// <summary>Refuses a database other than a SQLite file, for what is kept only in one so far (the labeler's issued labels).</summary>
    public static void RequireSqliteFile(this VigilDatabase database, string what)
    {
        if (database.SqlitePath is null)
            throw new UsageException($"--db {database.Location}: {what} are kept in a SQLite database file only, so far.");
    }

    /// <summary>The work stream: <c>redis://[:password@]host:port[/db][?stream=NAME]</c>.</summary>
    public static Option<string?> Queue(string description) => new("--queue") { Description = description };

    public static Option<string> Group() => new("--group")
    {
        Description = "The consumer group on the work stream.", DefaultValueFactory = _ => new Redis.WorkStreamOptions().Group,
    };

    /// <summary>Parses what <see cref="Queue"/> names; a malformed address is a usage error, shown without its password.</summary>
    public static Redis.QueueAddress? QueueAddress(this ParseResult parse, Option<string?> queue)
    {
        if (parse.GetValue(queue) is not { } text) return null;
        try
        {
            return Redis.QueueAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static Option<string?> Policy() => new("--policy")
    {
        Description = "Policy YAML file (default: the shipped policies/default.yaml).",
    };

    /// <summary>The policy <see cref="Policy"/> names; a malformed file is a usage error with its line and field.</summary>
    public static EnforcementPolicy LoadPolicy(this ParseResult parse, Option<string?> policy) =>
        parse.GetValue(policy) is { } path ? EnforcementPolicy.Load(path) : EnforcementPolicy.Default;

    /// <summary>Every seed is an <see cref="int"/>: the same values are accepted everywhere.</summary>
    public static Option<int> Seed(string description, int defaultValue = 1) => new("--seed")
    {
        Description = $"{description} Same seed, same result.", DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>The main input file of a command: <c>--in FILE</c>, the same on every command.</summary>
    public static Option<string?> Input(string description) => new("--in") { Description = description + " (required)" };

    /// <summary>
    /// The file <paramref name="input"/> (<c>--in</c>, or another file option) names, or the positional argument earlier
    /// releases took (deprecated; still read this release).
    /// </summary>
    public static string RequiredInput(this ParseResult parse, Option<string?> input, Argument<string[]>? oldPositional = null)
    {
        var files = InputFiles(parse, input, oldPositional);
        return files.Count switch
        {
            1 => files[0],
            0 => throw new UsageException($"{input.Name} FILE is required."),
            _ => throw new UsageException($"one input file expected, {files.Count} given."),
        };
    }

    /// <summary>The <c>--in</c> files (the option may be repeated, or take several files), plus any old positional ones.</summary>
    public static Option<string[]> Inputs(string description) => new("--in")
    {
        Description = description + " (required; several allowed)", AllowMultipleArgumentsPerToken = true,
    };

    public static IReadOnlyList<string> RequiredInputs(this ParseResult parse, Option<string[]> input, Argument<string[]> oldPositional)
    {
        string[] files = [.. parse.GetValue(input) ?? [], .. parse.GetValue(oldPositional) ?? []];
        return files.Length > 0 ? files : throw new UsageException("--in FILE is required.");
    }

    private static List<string> InputFiles(ParseResult parse, Option<string?> input, Argument<string[]>? oldPositional)
    {
        var files = new List<string>();
        if (parse.GetValue(input) is { } file) files.Add(file);
        if (oldPositional is not null) files.AddRange(parse.GetValue(oldPositional) ?? []);
        return files;
    }
}
