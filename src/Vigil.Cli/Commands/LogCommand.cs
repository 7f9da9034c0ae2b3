using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.DecisionLog;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil log head|verify|keygen</c>: print a signed head of the decision log, walk the chain, make a signing key.
/// <c>verify</c> exits 3 when the chain is broken, naming the first event that was changed, removed, inserted or moved.
/// </summary>
internal static class LogCommand
{
    public static Command Create()
    {
        var command = new Command("log", "Inspect the tamper-evident decision log.");
        command.Subcommands.Add(Head());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Keygen());
        return command;
    }

    private static Command Head()
    {
        var db = CommonOptions.Database();
        var key = new Option<string?>("--key")
        {
            Description = $"PEM file with the ECDSA P-256 signing key (default: ${LogHeadSigner.KeyEnvironmentVariable}).",
        };
        var command = new Command("head", "Print the last event's sequence, hash and time, signed with ECDSA P-256.");
        command.Options.Add(db);
        command.Options.Add(key);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var head = await (await database.LogAsync(ct)).HeadAsync(ct) ?? throw new UsageException("the decision log is empty.");
            using var signingKey = LoadSigningKey(parse.GetValue(key));
            var signed = LogHeadSigner.Sign(head, signingKey);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                sequence = signed.Sequence, hash = signed.Hash, at = HashChain.FormatTime(signed.At),
                signature = signed.Signature, public_key = signed.PublicKey,
            }, new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The signing key from <c>--key</c> or the environment; a missing or unusable key is a usage error.</summary>
    public static ECDsa LoadSigningKey(string? path)
    {
        try
        {
            return LogHeadSigner.LoadKey(path);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or CryptographicException)
        {
            throw new UsageException(path is null ? e.Message : $"{path}: {e.Message}", e);
        }
    }

    private static Command Verify()
    {
        var db = CommonOptions.Database();
        var head = new Option<string?>("--head")
        {
            Description = "A signed head printed earlier by 'vigil log head': also catches events cut from the end.",
        };
        var command = new Command("verify", "Walk the decision log from genesis and check every hash and link.");
        command.Options.Add(db);
        command.Options.Add(head);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var signedHead = parse.GetValue(head) is { } headPath ? ReadSignedHead(headPath) : null;
            VerifyResult result;
            try
            {
                result = await LogVerifier.VerifyAsync((await database.LogAsync(ct)).ReadAllAsync(ct), signedHead, ct);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or Microsoft.Data.Sqlite.SqliteException)
            {
                // A row whose columns no longer parse (a time edited into free text, a NULL) is tampering too.
                throw new IntegrityException($"{database.Location}: TAMPERED: a row of decision_events cannot be read: {e.Message}");
            }
            if (!result.Intact) throw new IntegrityException($"{database.Location}: TAMPERED: {result.Message}");
            Console.WriteLine($"{database.Location}: {result.Message}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads a head file and checks its signature with the public key it carries; a malformed file is a usage error.</summary>
    private static LogHead ReadSignedHead(string path)
    {
        try
        {
            return ReadSignedHeadFile(path);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or CryptographicException)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
    }

    private static LogHead ReadSignedHeadFile(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var signed = new SignedLogHead(root.GetProperty("sequence").GetInt64(), root.GetProperty("hash").GetString()!,
            HashChain.ParseTime(root.GetProperty("at").GetString()!), root.GetProperty("signature").GetString()!,
            root.GetProperty("public_key").GetString()!);
        using var key = ECDsa.Create();
        key.ImportFromPem(signed.PublicKey);
        if (!LogHeadSigner.Check(signed, key)) throw new FormatException($"{path}: the head's signature does not verify.");
        return new LogHead(signed.Sequence, signed.Hash, signed.At);
    }

    private static Command Keygen()
    {
        var output = new Option<string>("--out") { Description = "Where to write the new PEM private key.", Required = true };
        var command = new Command("keygen", "Write a new ECDSA P-256 signing key (PKCS#8 PEM). Keep it out of any repository.");
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (InsideGitRepository(path) is { } repo)
                throw new UsageException($"refusing to write a private key inside the git repository {repo}.");
            if (File.Exists(path)) throw new UsageException($"{path} already exists.");
            using var key = LogHeadSigner.NewKey();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(path, options)) writer.Write(key.ExportPkcs8PrivateKeyPem());
            Console.WriteLine($"wrote {path}; public key:");
            Console.WriteLine(key.ExportSubjectPublicKeyInfoPem());
            return ExitCodes.Success;
        });
        return command;
    }

    private static string? InsideGitRepository(string path)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
            if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git"))) return dir;
        return null;
    }
}
