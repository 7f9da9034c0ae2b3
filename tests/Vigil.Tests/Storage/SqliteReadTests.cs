using Microsoft.Data.Sqlite;
using Vigil.Model;
using Vigil.Storage.Sqlite;

namespace Vigil.Tests.Storage;

/// <summary>The SQLite store's reads by column position (<c>PreparedRead</c>): values that repeat and values that are bad.</summary>
public sealed class SqliteReadTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-read-").FullName;
    private string DatabasePath => Path.Combine(_folder, "vigil.db");
    private SqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteStore(DatabasePath);
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Assessment Assessment(string postId, string language, ContentCode code) => new()
    {
        PostId = postId, ModelVersion = "m1", TaxonomyVersion = "taxonomy-v1", PHateful = 0.5, Hateful = false, PAntisemitic = 0.25,
        Antisemitic = false, Label = new ContentLabel(Target.None, code, ConsensusClass.Neutral, Explicitness.NotApplicable),
        CodeConfidence = 0.5, Language = language, LanguageSupported = true, Evidence = [],
    };

    [Fact]
    public async Task A_value_that_repeats_and_then_changes_reads_back_as_stored_in_every_row()
    {
        string[] languages = ["de", "de", "en", "de", "pt", "pt"];
        await _store.SaveAssessmentsAsync([.. languages.Select((language, i) => Assessment($"p{i}", language, ContentCode.None))]);

        var read = await _store.ReadAssessmentsAsync("m1").ToListAsync();

        Assert.Equal(languages, read.Select(a => a.Language));
        Assert.All(read, a => Assert.Equal(("m1", "taxonomy-v1"), (a.ModelVersion, a.TaxonomyVersion)));
    }

    [Fact]
    public async Task A_stored_label_that_is_not_a_known_spelling_fails_naming_the_file_the_column_and_the_value()
    {
        await _store.SaveAssessmentsAsync([Assessment("p1", "en", ContentCode.ConspiracyControlTrope)]);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE assessments SET code = 'conspiracy-contrl-trope'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await _store.ReadAssessmentsAsync("m1").ToListAsync());

        Assert.Contains(DatabasePath, error.Message);
        Assert.Contains("column code", error.Message);
        Assert.Contains("'conspiracy-contrl-trope'", error.Message);
    }
}
