using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Vigil.Server.Access;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil keys create|list|revoke</c>: the API keys <c>vigil serve</c> accepts. <c>create</c> prints the new key alone on
/// the last line of stdout (scripts read it there); only its hash is stored, so it cannot be shown again.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "API keys for 'vigil serve' (roles admin, moderator, triage, client).");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command CreateKey()
    {
        var db = DatabaseOption.Create();
        var role = new Option<string>("--role")
        {
            Description = "admin (everything), moderator (decide, label, take down), triage (view, escalate) or client (scoring only).",
            Required = true,
        };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var name = new Option<string?>("--name") { Description = "A unique name to tell the key by (default: ROLE-ID)." };
        var rate = new Option<int?>("--rate") { Description = "Requests per second for this key (default: the server's --rate-limit)." };
        var command = new Command("create", "Create a key; prints it once, alone on the last line.");
        foreach (var option in new Option[] { db, role, name, rate }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            Roles.TryParse(parse.GetValue(role)!, out var parsed);
            try
            {
                var store = new ApiKeyStore(parse.GetValue(db)!, TimeProvider.System);
                var (key, token) = await store.CreateAsync(parse.GetValue(name), parsed, parse.GetValue(rate), ct);
                Console.WriteLine($"created {Roles.Name(key.Role)} key '{key.Name}' (id {key.Id}); it is shown once, here:");
                Console.WriteLine(token.ToString());
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is ArgumentException or SqliteException)
            {
                Console.Error.WriteLine($"vigil keys create: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static Command List()
    {
        var db = DatabaseOption.Create();
        var command = new Command("list", "List keys (never their secrets).");
        command.Options.Add(db);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"vigil keys list: database '{path}' does not exist.");
                return ExitCodes.UsageOrInputError;
            }
            var keys = await new ApiKeyStore(path, TimeProvider.System).ListAsync(ct);
            var table = new Table().AddColumns("id", "name", "role", "rate/s", "created", "revoked");
            foreach (var key in keys)
                table.AddRow(key.Id, Markup.Escape(key.Name), Roles.Name(key.Role),
                    key.RequestsPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "default", Time(key.CreatedAt), key.RevokedAt is { } at ? Time(at) : "-");
            AnsiConsole.Write(table);
            Console.WriteLine($"{keys.Count(k => !k.Revoked)} live, {keys.Count(k => k.Revoked)} revoked.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke()
    {
        var db = DatabaseOption.Create();
        var key = new Argument<string>("key") { Description = "The key's id or name." };
        var command = new Command("revoke", "Revoke a key: it stops working (a running server notices within seconds).");
        command.Arguments.Add(key);
        command.Options.Add(db);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"vigil keys revoke: database '{path}' does not exist.");
                return ExitCodes.UsageOrInputError;
            }
            if (!await new ApiKeyStore(path, TimeProvider.System).RevokeAsync(parse.GetValue(key)!, ct))
            {
                Console.Error.WriteLine($"vigil keys revoke: no live key has the id or name '{parse.GetValue(key)}'.");
                return ExitCodes.UsageOrInputError;
            }
            Console.WriteLine($"revoked {parse.GetValue(key)}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
