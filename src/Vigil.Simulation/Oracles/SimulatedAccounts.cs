using Vigil.Bots;
using Vigil.Text;

namespace Vigil.Simulation.Oracles;

/// <summary>
/// Reads a simulated platform (the output of <c>vigil simulate</c>) as a labelled set: profiles and posting behaviour
/// from the JSONL files, co-actors and cluster membership from the coordination stage run on its posts, bot labels from
/// <c>truth.json</c>. The only labelled source with posts, hence the only place
/// a profile+behaviour model can be trained or checked.
/// </summary>
public static class SimulatedAccounts
{
    /// <summary>Counts in a simulated export are as of the end of the run.</summary>
    public static DateTimeOffset CountsTakenAt(SimulationTruth truth) =>
        new(truth.Options.Start.AddDays(truth.Options.Days), TimeOnly.MinValue, TimeSpan.Zero);

    public static LabelledSet Load(string directory)
    {
        var truthPath = Path.Combine(directory, "truth.json");
        if (!File.Exists(truthPath))
            throw new FileNotFoundException($"'{truthPath}' not found: expected the output folder of 'vigil simulate'", truthPath);
        var truth = SimulationTruth.Load(truthPath);
        var end = CountsTakenAt(truth);

        var profiles = new List<AccountProfile>();
        var posts = new List<Model.Post>();
        var setAside = new List<string>();
        foreach (var file in new[] { "accounts.jsonl", "posts.jsonl" })
        {
            var path = Path.Combine(directory, file);
            using var reader = Utf8Input.OpenText(path);
            var read = AccountLines.Read(reader, path);
            profiles.AddRange(read.Profiles.Select(p => p.ObservedAt(end)));
            posts.AddRange(read.Posts);
            setAside.AddRange(read.SetAside);
        }

        var isBot = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var account in truth.Accounts) isBot[account.Id] = account.Bot;
        var behaviours = PostingBehaviour.ByAuthor(posts);
        // The coordination stage as analyze runs it, so a model is checked here on the features analyze scores with.
        var coordination = CoordinationSignal.FromPosts(posts);
        var accounts = new List<LabelledAccount>(profiles.Count);
        foreach (var profile in profiles)
        {
            if (!isBot.TryGetValue(profile.Id, out var bot))
            {
                setAside.Add($"{truthPath}: no truth for account '{profile.Id}'");
                continue;
            }
            accounts.Add(new LabelledAccount(profile, bot, behaviours.GetValueOrDefault(profile.Id),
                coordination.GetValueOrDefault(profile.Id, CoordinationSignal.Alone)));
        }
        return new LabelledSet($"sim-seed-{truth.Options.Seed}", accounts, setAside);
    }
}
