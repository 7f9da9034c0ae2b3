using Microsoft.Data.Sqlite;
using Vigil.Cli;

namespace Vigil.Tests.Cli;

/// <summary>
/// A temporary folder with what the exit-code tests feed the commands: a database with decisions, one whose log was
/// edited, a file that is not a database, policy inputs with and without a broken line. Commands run in process.
/// </summary>
public sealed class CliWorkspace : IDisposable
{
    public CliWorkspace()
    {
        File.WriteAllLines(CleanInputs, PolicyInputs);
        File.WriteAllLines(BrokenInputs, [.. PolicyInputs, """{"post_id":"p9","author_id":"a9","code":"not-a-code","model_version":"m1"}"""]);
        File.WriteAllText(NotADatabase, "these bytes are not a SQLite database\n");
        File.WriteAllLines(LabelledTexts, ["text,label", "they are vermin and must be driven out,incitement-violence",
            "lovely weather for the match today,none", "this row's label is no code,not-a-code"]);
        if (Program.Main(["policy", "apply", "--in", CleanInputs, "--db", Database]) != 0) throw new InvalidOperationException("fixture database");
        File.Copy(Database, Tampered);
        using var connection = new SqliteConnection($"Data Source={Tampered};Pooling=False");
        connection.Open();
        using var edit = connection.CreateCommand();
        edit.CommandText = "UPDATE decision_events SET subject = 'post:other' WHERE seq = 2";
        edit.ExecuteNonQuery();
    }

    private static readonly string[] PolicyInputs =
    [
        """{"post_id":"p1","author_id":"a1","code":"dual-loyalty","p_antisemitic":0.95,"confidence":0.9,"model_version":"m1","reach":50}""",
        """{"post_id":"p3","author_id":"a3","code":"incitement-violence","p_hateful":0.99,"model_version":"m1","reach":9000}""",
        """{"post_id":"p6","author_id":"a4","code":"conspiracy-control-trope","p_antisemitic":0.92,"confidence":0.8,"model_version":"m1"}""",
    ];

    public string Folder { get; } = Directory.CreateTempSubdirectory("vigil-cli-codes-").FullName;
    public string Database => Path.Combine(Folder, "vigil.db");
    public string Tampered => Path.Combine(Folder, "tampered.db");
    public string NotADatabase => Path.Combine(Folder, "not-a-database.db");
    public string Missing => Path.Combine(Folder, "missing.db");
    public string CleanInputs => Path.Combine(Folder, "inputs.jsonl");
    public string BrokenInputs => Path.Combine(Folder, "broken-inputs.jsonl");
    /// <summary>Texts for <c>simulate --texts</c>, one row of which is skipped.</summary>
    public string LabelledTexts => Path.Combine(Folder, "labelled-texts.csv");

    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Replaces the workspace's placeholders ({db}, {tampered}, {not-a-db}, {missing}, {inputs}, {broken}, {texts}, {dir}).</summary>
    public string[] Resolve(string[] args) => [.. args.Select(a => a
        .Replace("{db}", Database, StringComparison.Ordinal)
        .Replace("{tampered}", Tampered, StringComparison.Ordinal)
        .Replace("{not-a-db}", NotADatabase, StringComparison.Ordinal)
        .Replace("{missing}", Missing, StringComparison.Ordinal)
        .Replace("{inputs}", CleanInputs, StringComparison.Ordinal)
        .Replace("{broken}", BrokenInputs, StringComparison.Ordinal)
        .Replace("{texts}", LabelledTexts, StringComparison.Ordinal)
        .Replace("{dir}", Folder, StringComparison.Ordinal))];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
