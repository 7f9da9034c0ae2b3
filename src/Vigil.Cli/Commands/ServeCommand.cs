using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vigil.Server;
using Vigil.Server.Access;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve [--db PATH] [--mode fast|cascade|encoder] [--urls URLS] [--policy FILE] [--report DIR]</c>: the HTTP service (Perspective- and OpenAI-compatible
/// scoring, the native API, the moderator dashboard at <c>/dashboard</c>) over one database, until stopped. <c>GET /health</c> answers 200 once it is ready.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, ';'-separated (default: http://127.0.0.1:8080, loopback only).",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var rate = new Option<int>("--rate-limit")
        {
            Description = "Requests per second per key, for keys created without their own --rate (default: 50).",
            DefaultValueFactory = _ => 50,
        };
        var policy = CommonOptions.Policy();
        policy.Description = "Policy YAML file the review queue, decisions and appeals run under: the one 'analyze' and 'policy apply' used (default: the shipped policies/default.yaml).";
        var report = new Option<string?>("--report")
        {
            Description = "The transparency report folder the dashboard shows prevalence from (default: 'report' beside the database, where 'vigil demo' writes it).",
        };
        var labelerDid = new Option<string?>("--labeler-did")
        {
            Description = "Serve the decision log's labels as this AT Protocol labeler (its DID, the labels' src).",
        };
        var signingKey = new Option<string?>("--signing-key")
        {
            Description = $"PEM file of the labeler's P-256 key (default: ${Vigil.DecisionLog.LogHeadSigner.KeyEnvironmentVariable}).",
        };
        var mode = CascadeCli.ModeOption();
        var command = new Command("serve", "Serve the scoring APIs and the native API over HTTP (keys from 'vigil keys create').");
        command.Options.Add(db);
        command.Options.Add(mode);
        command.Options.Add(urls);
        command.Options.Add(rate);
        command.Options.Add(policy);
        command.Options.Add(report);
        command.Options.Add(labelerDid);
        command.Options.Add(signingKey);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(rate) < 1) throw new UsageException("--rate-limit must be at least 1.");
            await using var database = parse.OpenDatabase(db, DatabaseAccess.CreateIfMissing);
            if (parse.GetValue(labelerDid) is not null) database.RequireSqliteFile("the AT Protocol labeler's issued labels");
            var options = new ServerOptions
            {
                DatabasePath = parse.GetValue(db)!,
                Urls = parse.GetValue(urls)!,
                RequestsPerSecond = parse.GetValue(rate),
                ScoringMode = parse.GetValue(mode),
                Policy = parse.LoadPolicy(policy),
                LabelerDid = parse.GetValue(labelerDid),
                SigningKeyPath = parse.GetValue(signingKey),
            };
            // Beside a SQLite file by default; a server database has no folder, so the current one.
            var folder = parse.GetValue(report) ?? (database.SqlitePath is null ? "report" : null);
            if (folder is not null) options = options with { ReportDirectory = Path.GetFullPath(folder) };
            await using var app = VigilServer.Build(options);
            try
            {
                // Made now, so a labeler without a usable key fails at start rather than at its first subscriber.
                app.Services.GetRequiredService<Vigil.Server.Labeler.AtprotoLabeler>();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                throw new UsageException(e.Message, e);
            }
            var keys = await app.Services.GetRequiredService<ApiKeyStore>().ListAsync(ct);
            if (!keys.Any(k => !k.Revoked))
                Console.Error.WriteLine($"vigil serve: {database.Location} has no live API key, so every request will get 401: " +
                                        $"create one with 'vigil keys create --role client --db {database.Location}'.");
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
