using Vigil.Ingest;
using Vigil.Storage.Sqlite;

namespace Vigil.Tests.Ingest;

/// <summary>A fresh SQLite store in a temp folder per test, and the path of the hand-written fixtures.</summary>
public abstract class IngestTestBase : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-ingest-").FullName;

    protected IngestTestBase()
    {
        DatabasePath = Path.Combine(_folder, "test.db");
        Store = new SqliteStore(DatabasePath);
    }

    public Task InitializeAsync() => Store.MigrateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected string DatabasePath { get; }
    protected string QuarantinePath => IngestOptions.QuarantinePathFor(DatabasePath);
    protected SqliteStore Store { get; }
    protected List<Rejection> Rejections { get; } = [];

    protected static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Ingest", "Fixtures", name);

    protected string TempFile(string name) => Path.Combine(_folder, name);

    protected async Task<IngestSummary> IngestAsync(string file, IngestFormat? format = null, IReadOnlyDictionary<string, string>? columns = null,
        int maxRecordBytes = 1 << 20) =>
        await Ingestor.IngestAsync(Store, [file], new IngestOptions
        {
            Format = format,
            CsvColumns = columns ?? new Dictionary<string, string>(),
            QuarantinePath = QuarantinePath,
            OnRejected = Rejections.Add,
            BatchSize = 3,
            MaxRecordBytes = maxRecordBytes,
        });

    protected List<long> RejectedLines() => Rejections.Select(r => r.Line).ToList();

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
