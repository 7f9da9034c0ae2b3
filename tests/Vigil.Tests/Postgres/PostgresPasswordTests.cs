using Npgsql;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>
/// <c>--db postgresql://user@host:port/db</c> without a password, the form that keeps it off command lines (where
/// <c>ps</c> shows it to every user): the password comes from the passfile <c>PGPASSFILE</c> names (or
/// <c>~/.pgpass</c>), as libpq's does (docs/WORKERS.md, "Passwords").
/// </summary>
public sealed class PostgresPasswordTests() : PostgresCommandTest("vigil-pg-password-")
{
    [PostgresFact]
    public void A_url_without_a_password_takes_it_from_the_passfile_PGPASSFILE_names()
    {
        var server = new NpgsqlConnectionStringBuilder(Schema.ConnectionString);
        var url = $"postgresql://{Uri.EscapeDataString(server.Username!)}@{server.Host}:{server.Port}/{server.Database}?search_path={Schema.Name}";
        var records = Path.Combine(Folder, "records.jsonl");
        File.WriteAllText(records, """{"kind":"account","v":1,"id":"u1","handle":"alice","created_at":"2020-05-01T10:00:00.000Z"}""" + "\n");
        var passfile = Path.Combine(Folder, "pgpass");
        var empty = Path.Combine(Folder, "empty-pgpass");
        File.WriteAllText(empty, "");
        // libpq's format, host:port:database:user:password, readable by its owner alone (psql ignores one others can read).
        File.WriteAllText(passfile, $"{server.Host}:{server.Port}:*:{server.Username}:{server.Password}\n");
        if (!OperatingSystem.IsWindows())
            foreach (var file in new[] { passfile, empty }) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var refused = VigilProcess.Run(Folder, new Dictionary<string, string> { ["PGPASSFILE"] = empty }, "ingest", "--in", records, "--db", url);
        Assert.Equal(4, refused.Exit);
        Assert.Contains("No password has been provided", refused.Stderr);

        var withPassfile = new Dictionary<string, string> { ["PGPASSFILE"] = passfile };
        var ingested = VigilProcess.Run(Folder, withPassfile, "ingest", "--in", records, "--db", url);
        Assert.True(ingested.Exit == 0, ingested.Stderr);
        var verified = VigilProcess.Run(Folder, withPassfile, "log", "verify", "--db", url);
        Assert.True(verified.Exit == 0, verified.Stderr);
        Assert.DoesNotContain(server.Password!, ingested.Stdout + ingested.Stderr + verified.Stdout + verified.Stderr);
    }
}
