using Vigil.DecisionLog;
using Vigil.Postgres;
using Vigil.Storage;
using Vigil.Tests.DecisionLog;
using Vigil.Tests.Storage;
using Vigil.Tests.Support;

namespace Vigil.Tests.Postgres;

/// <summary>The store contract on PostgreSQL: each store name is a schema of its own, dropped after the test.</summary>
[NeedsService(Services.PostgresVariable)]
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private readonly Dictionary<string, PostgresTestSchema> _schemas = [];

    protected override IVigilStore OpenStore(string name)
    {
        if (!_schemas.TryGetValue(name, out var schema)) _schemas[name] = schema = PostgresTestSchema.Create();
        return new PostgresStore(schema.Source);
    }

    protected override async Task DeleteStoresAsync()
    {
        foreach (var schema in _schemas.Values) await schema.DisposeAsync();
    }
}

/// <summary>The decision-log contract on PostgreSQL, in a schema of its own.</summary>
[NeedsService(Services.PostgresVariable)]
public sealed class PostgresDecisionLogContractTests : DecisionLogContractTests, IAsyncLifetime
{
    private PostgresTestSchema? _schema;

    protected override IDecisionLog Create() => new PostgresDecisionLog((_schema ??= PostgresTestSchema.Create()).Source);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
    }
}
