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
public class PostgresDecisionLogContractTests : DecisionLogContractTests, IAsyncLifetime
{
    private PostgresTestSchema? _schema;

    /// <summary>Events per query of a read; the default unless a subclass crosses page boundaries.</summary>
    protected virtual int? PageSize => null;

    protected override IDecisionLog Create()
    {
        var source = (_schema ??= PostgresTestSchema.Create()).Source;
        return PageSize is { } size ? new PostgresDecisionLog(source, time: null, size) : new PostgresDecisionLog(source);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
    }
}

/// <summary>The same contract with reads in pages of two events, so every read crosses page boundaries.</summary>
[NeedsService(Services.PostgresVariable)]
public sealed class PostgresPagedDecisionLogContractTests : PostgresDecisionLogContractTests
{
    protected override int? PageSize => 2;
}
