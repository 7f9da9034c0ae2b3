using Vigil.Model;
using Vigil.Storage;
using Vigil.Amplification;

namespace Vigil.Bench;

/// <summary>Takes every record and keeps none: ingest with <c>--store null</c> measures reading and parsing alone.</summary>
internal sealed class NullStore : IVigilStore
{
    public Task MigrateAsync(CancellationToken ct = default) => Task.CompletedTask;
    public Task<WriteCounts> AddAccountsAsync(IReadOnlyList<Account> accounts, CancellationToken ct = default) =>
        Task.FromResult(new WriteCounts(accounts.Count, 0));
    public Task<WriteCounts> AddPostsAsync(IReadOnlyList<Post> posts, CancellationToken ct = default) =>
        Task.FromResult(new WriteCounts(posts.Count, 0));
    public Task<IReadOnlySet<string>> ExistingPostIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
    public Task<WriteCounts> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken ct = default) =>
        Task.FromResult(new WriteCounts(interactions.Count, 0));
    public IAsyncEnumerable<Account> ReadAccountsAsync(CancellationToken ct = default) => AsyncEnumerable.Empty<Account>();
    public IAsyncEnumerable<Post> ReadPostsAsync(CancellationToken ct = default) => AsyncEnumerable.Empty<Post>();
    public IAsyncEnumerable<Interaction> ReadInteractionsAsync(CancellationToken ct = default) => AsyncEnumerable.Empty<Interaction>();
    public Task SaveAssessmentsAsync(IReadOnlyList<Assessment> assessments, CancellationToken ct = default) => Task.CompletedTask;
    public IAsyncEnumerable<Assessment> ReadAssessmentsAsync(string modelVersion, CancellationToken ct = default) =>
        AsyncEnumerable.Empty<Assessment>();
    public Task SaveAmplifierResultsAsync(AmplifierResults results, CancellationToken ct = default) => Task.CompletedTask;
    public Task<AmplifierResults?> ReadAmplifierResultsAsync(AnalysisKey key, CancellationToken ct = default) =>
        Task.FromResult<AmplifierResults?>(null);
    public Task<AnalysisKey?> LatestAnalysisAsync(CancellationToken ct = default) => Task.FromResult<AnalysisKey?>(null);
    public Task<StoreStats> GetStatsAsync(CancellationToken ct = default) => Task.FromResult(new StoreStats(0, 0, 0, 0, null, null));
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
