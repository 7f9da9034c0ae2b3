using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Bench;

/// <summary>Takes every record and keeps none: ingest with <c>--store null</c> measures reading and parsing alone.</summary>
internal sealed class NullStore : IVigilStore
{
    public void Migrate() { }
    public WriteCounts AddAccounts(IReadOnlyList<Account> accounts) => new(accounts.Count, 0);
    public WriteCounts AddPosts(IReadOnlyList<Post> posts) => new(posts.Count, 0);
    public WriteCounts AddInteractions(IReadOnlyList<Interaction> interactions) => new(interactions.Count, 0);
    public IEnumerable<Account> ReadAccounts() => [];
    public IEnumerable<Post> ReadPosts() => [];
    public IEnumerable<Interaction> ReadInteractions() => [];
    public void SaveAssessments(IReadOnlyList<Assessment> assessments) { }
    public IEnumerable<Assessment> ReadAssessments(string modelVersion) => [];
    public void SaveAmplifierResults(AmplifierResults results) { }
    public AmplifierResults? ReadAmplifierResults(AnalysisKey key) => null;
    public StoreStats GetStats() => new(0, 0, 0, 0, null, null);
    public void Dispose() { }
}
