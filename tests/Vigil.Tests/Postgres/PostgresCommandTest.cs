namespace Vigil.Tests.Postgres;

/// <summary>
/// A test class that runs the <c>vigil</c> command on PostgreSQL: a scratch folder for the processes, and a schema of
/// the test's own, made on first use (inside a <c>[PostgresFact]</c>, so the class loads without PostgreSQL) and
/// dropped with the folder afterwards.
/// </summary>
public abstract class PostgresCommandTest(string folderPrefix) : IAsyncLifetime
{
    private PostgresTestSchema? _schema;

    protected string Folder { get; } = Directory.CreateTempSubdirectory(folderPrefix).FullName;

    private protected PostgresTestSchema Schema => _schema ??= PostgresTestSchema.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
