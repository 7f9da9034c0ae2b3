using Vigil.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-store-").FullName;

    protected override IVigilStore OpenStore(string name) => new SqliteStore(Path.Combine(_folder, name + ".db"));

    protected override Task DeleteStoresAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
