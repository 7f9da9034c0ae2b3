using Vigil.Measurement;
using Vigil.Model;
using Vigil.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Tests.Reporting;

/// <summary>Labels from a dictionary: the test's own truth standing in for annotators.</summary>
internal sealed class DictionaryLabels(IReadOnlyDictionary<string, ConsensusClass> truth) : ILabelSource
{
    public IReadOnlyList<Annotation> For(string postId) =>
        truth.TryGetValue(postId, out var label) ? [new Annotation(postId, "truth", label)] : [];
}

/// <summary>
/// A hand-built platform in a temporary SQLite store: four weeks of original posts (plus reposts, which the report
/// must ignore), calibrated scores saved as assessments, and a known true label per post.
/// </summary>
public sealed class ReportFixture : IAsyncLifetime
{
    public const string Model = "test-model";
    public static readonly DateOnly FirstMonday = new(2026, 3, 2);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-report-tests-" + Guid.NewGuid().ToString("N"));

    public ReportFixture()
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "vigil.db");
        var random = new Random(17);
        var posts = new List<Post>();
        var assessments = new List<Assessment>();
        var truth = new Dictionary<string, ConsensusClass>(StringComparer.Ordinal);
        var start = new DateTimeOffset(FirstMonday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        for (var i = 0; i < 2400; i++)
        {
            var id = $"p{i:D5}";
            var created = start.AddMinutes(random.Next(4 * 7 * 24 * 60));
            // Hate doubles in the last two weeks, so the change test has something to find.
            var late = created >= start.AddDays(14);
            var score = Math.Clamp(random.NextDouble() * random.NextDouble() * (late ? 0.5 : 0.25), 0, 1);
            var label = random.NextDouble() < score
                ? random.NextDouble() < 0.7 ? ConsensusClass.AgreedAntisemitic : ConsensusClass.AgreedHate
                : random.NextDouble() < 0.05 ? ConsensusClass.Contested : ConsensusClass.Neutral;
            truth[id] = label;
            posts.Add(new Post { Id = id, AuthorId = "a1", CreatedAt = created, Text = $"text {i}, \"quoted\"", Views = random.Next(0, 2000) });
            assessments.Add(new Assessment
            {
                PostId = id, PHateful = score, PAntisemitic = score * 0.7, Label = ContentLabel.Neutral,
                ModelVersion = Model, TaxonomyVersion = TaxonomyTable.Default.Version,
            });
            if (i % 10 == 0)
                posts.Add(new Post { Id = $"r{i:D5}", AuthorId = "a1", CreatedAt = created.AddMinutes(5), RepostOfId = id, Views = 50 });
        }
        Truth = truth;
        _posts = posts;
        _assessments = assessments;
    }

    private readonly List<Post> _posts;
    private readonly List<Assessment> _assessments;

    public async Task InitializeAsync()
    {
        await using var store = await OpenStoreAsync();
        await store.AddAccountsAsync([new Account { Id = "a1", Handle = "one" }]);
        await store.AddPostsAsync(_posts);
        await store.SaveAssessmentsAsync(_assessments);
    }

    public string DatabasePath { get; }
    public IReadOnlyDictionary<string, ConsensusClass> Truth { get; }

    public async Task<IVigilStore> OpenStoreAsync()
    {
        var store = new SqliteStore(DatabasePath);
        await store.MigrateAsync();
        return store;
    }

    public string NewDirectory(string name)
    {
        var path = Path.Combine(_directory, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The true share of hateful original posts, what the period estimate should cover.</summary>
    public double TrueHatefulShare => Truth.Values.Count(LabelCategories.IsHateful) / (double)Truth.Count;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
