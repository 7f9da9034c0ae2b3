using Vigil.Detection.Cascade;
using Vigil.Policy;

namespace Vigil.Server;

/// <summary>What <c>vigil serve</c> is told; every bound has a default an operator can raise.</summary>
internal sealed record ServerOptions
{
    /// <summary>What <c>--db</c> named: a SQLite file, or a PostgreSQL connection string (password included: never shown).</summary>
    public required string DatabasePath { get; init; }
    /// <summary>
    /// The transparency report bundle the dashboard shows prevalence from: by default <c>report</c> beside the database,
    /// where <c>vigil demo</c> writes it.
    /// </summary>
    public string ReportDirectory
    {
        get => _reportDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath)) ?? ".", "report");
        init => _reportDirectory = value;
    }

    private readonly string? _reportDirectory;
    /// <summary>
    /// The enforcement policy the review queue, decisions, escalations and appeals run under (<c>vigil serve --policy</c>);
    /// the shipped default unless the operator names the file the platform's <c>analyze</c> and <c>policy apply</c> use.
    /// </summary>
    public EnforcementPolicy Policy { get; init; } = EnforcementPolicy.Default;
    /// <summary>Which detection stages the scoring APIs run (<c>--mode</c>): both by default, as <c>vigil score</c>.</summary>
    public ScoringMode ScoringMode { get; init; } = CascadeOptions.DefaultMode;
    /// <summary>Where Kestrel listens; loopback unless the operator says otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    /// <summary>Sustained requests per second per key, for keys created without their own rate.</summary>
    public int RequestsPerSecond { get; init; } = 50;
    /// <summary>Requests per second per client address without a valid key (key guessing, health probes).</summary>
    public int AnonymousRequestsPerSecond { get; init; } = 20;
    /// <summary>Largest request body; Perspective's own comment limit (20 KB) and batches fit well inside it.</summary>
    public long MaxRequestBytes { get; init; } = 1 << 20;
    /// <summary>How long a verified key row is trusted before it is read again (revocation from another process).</summary>
    public double KeyCacheSeconds { get; init; } = 5;
    /// <summary>The AT Protocol labeler's DID (the <c>src</c> of its labels); null: the server is not a labeler.</summary>
    public string? LabelerDid { get; init; }
    /// <summary>PEM file of the labeler's P-256 key; null reads it from <c>VIGIL_SIGNING_KEY</c>, as <c>vigil log head</c> does.</summary>
    public string? SigningKeyPath { get; init; }
    /// <summary>How many labels back a subscriber's cursor may reach; older cursors replay from there (OutdatedCursor).</summary>
    public long LabelerBackfill { get; init; } = 1_000_000;
    /// <summary>How often a subscription looks for labels the decision log has gained.</summary>
    public double LabelerPollSeconds { get; init; } = 1;
}
