using System.CommandLine;
using System.Globalization;
using Vigil.Server.Access;
using Vigil.Storage;

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
        var db = CommonOptions.Database();
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
            await using var database = parse.OpenDatabase(db, DatabaseAccess.CreateIfMissing);
            try
            {
                var (key, token) = await new ApiKeyStore(database, TimeProvider.System)
                    .CreateAsync(parse.GetValue(name), parsed, parse.GetValue(rate), ct);
                Console.WriteLine($"created {Roles.Name(key.Role)} key '{key.Name}' (id {key.Id}); it is shown once, here:");
                Console.WriteLine(token.ToString());
                return ExitCodes.Success;
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message, e);
            }
        });
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Database();
        var format = ResultOutput.FormatOption();
        var command = new Command("list", "List keys (never their secrets).") { db, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var keys = await new ApiKeyStore(database, TimeProvider.System).ListAsync(ct);
            var table = new ResultTable("keys", "id", "name", "role", "rate/s", "created", "revoked")
                { Title = $"{keys.Count(k => !k.Revoked)} live, {keys.Count(k => k.Revoked)} revoked" };
            foreach (var key in keys)
                table.Add(key.Id, key.Name, Roles.Name(key.Role), key.RequestsPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "default",
                    Cell.Time(key.CreatedAt), Cell.Time(key.RevokedAt));
            ResultOutput.For(parse, format).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke()
    {
        var db = CommonOptions.Database();
        var key = new Argument<string>("key") { Description = "The key's id or name." };
        var command = new Command("revoke", "Revoke a key: it stops working (a running server notices within seconds).");
        command.Arguments.Add(key);
        command.Options.Add(db);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            if (!await new ApiKeyStore(database, TimeProvider.System).RevokeAsync(parse.GetValue(key)!, ct))
                throw new UsageException($"no live key has the id or name '{parse.GetValue(key)}'.");
            Console.WriteLine($"revoked {parse.GetValue(key)}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
