using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Exports;
using Vigil.Server.Hosting;
using Vigil.Storage;

namespace Vigil.Server.Labeler;

/// <summary>
/// Vigil as an AT Protocol labeler: the labels the decision log implies (<see cref="AtprotoLabelExporter"/>), signed with
/// the labeler's P-256 key and issued in sequence (<see cref="IssuedLabels"/>). Before each read the log's head is
/// compared with the last one seen; only when it moved is the state replayed and any new label issued, so labels that
/// <c>vigil analyze</c> or a reviewer made in another process reach subscribers too.
/// </summary>
internal sealed class AtprotoLabeler : IDisposable
{
    private readonly ServerOptions _options;
    private readonly SigningKey _signing;
    private readonly IssuedLabels? _issued;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _seenHead = -1;

    public AtprotoLabeler(ServerOptions options, SigningKey signing, TimeProvider time)
    {
        _options = options;
        _signing = signing;
        if (options.LabelerDid is null) return;
        if (!options.LabelerDid.StartsWith("did:", StringComparison.Ordinal))
            throw new ArgumentException($"The labeler's DID '{options.LabelerDid}' is not a DID.");
        // A labeler without its key cannot sign: fail at start, not at the first subscriber.
        if (signing.Key is null)
            throw new ArgumentException($"A labeler signs its labels: give --signing-key or set {LogHeadSigner.KeyEnvironmentVariable}.");
        _issued = new IssuedLabels(options.DatabasePath, time);
    }

    /// <summary>False when the server was started without a labeler DID: the labeler endpoints then say so.</summary>
    public bool Enabled => _issued is not null;

    public string Did => _options.LabelerDid ?? "";

    /// <summary>Issues the labels decisions appended since the last call made.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var issued = Issued();
        await _refresh.WaitAsync(ct);
        try
        {
            await using var database = VigilDatabase.Open(_options.DatabasePath, DatabaseAccess.Existing);
            var log = await database.LogAsync(ct);
            var head = (await log.HeadAsync(ct))?.Sequence ?? 0;
            if (head == _seenHead) return;
            var state = await EnforcementState.ReplayAsync(log.ReadAllAsync(ct), ct);
            var labels = AtprotoLabelExporter.Build(state, new AtprotoOptions { LabelerDid = Did });
            await issued.IssueAsync(labels, label => AtprotoLabelExporter.Sign(label, _signing.Key!), ct);
            _seenHead = head;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async Task<long> LatestAsync(CancellationToken ct)
    {
        await RefreshAsync(ct);
        return await Issued().LatestAsync(ct);
    }

    /// <summary>Labels after <paramref name="after"/>; see <see cref="IssuedLabels.ReadAsync"/>.</summary>
    public async Task<IReadOnlyList<IssuedLabel>> ReadAsync(long after, int limit, IReadOnlyList<(string Text, bool Prefix)>? uriPatterns,
        CancellationToken ct)
    {
        await RefreshAsync(ct);
        return await Issued().ReadAsync(after, limit, uriPatterns, ct);
    }

    private IssuedLabels Issued() => _issued ?? throw new InvalidOperationException("The labeler is not configured.");

    public void Dispose() => _refresh.Dispose();
}
