using StackExchange.Redis;
using Vigil.Redis;
using Vigil.Tests.Support;

namespace Vigil.Tests.Redis;

/// <summary>A stream of its own for one test on the test Redis (<see cref="Services.Redis"/>), deleted afterwards.</summary>
internal sealed class RedisStreams : IAsyncDisposable
{
    private readonly List<WorkStream> _opened = [];

    public RedisStreams(string name) => Url = $"{Services.Redis.TrimEnd('/')}/0?stream=test:{name}:{Guid.NewGuid():N}";

    /// <summary>The <c>--queue</c> value naming this test's stream.</summary>
    public string Url { get; }

    public async Task<WorkStream> OpenAsync(WorkStreamOptions? options = null)
    {
        var stream = await WorkStream.ConnectAsync(QueueAddress.Parse(Url), options ?? new WorkStreamOptions());
        _opened.Add(stream);
        return stream;
    }

    public async ValueTask DisposeAsync()
    {
        var stream = _opened.Count > 0 ? _opened[0] : await OpenAsync();
        await stream.Database.KeyDeleteAsync([stream.Key, stream.DeadLetterKey, stream.FailuresKey, stream.LockKey]);
        foreach (var opened in _opened) await opened.DisposeAsync();
    }
}
