using System.Security.Cryptography;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Storage;

namespace Vigil.Server.Tests.Support;

/// <summary>Decisions the default policy makes on a few hateful posts, appended to a test database's decision log.</summary>
internal static class SeededDecisions
{
    public static async Task<EnforcementEngine> ApplyAsync(string databasePath, int posts, string prefix = "p",
        ContentCode code = ContentCode.DualLoyalty)
    {
        await using var database = VigilDatabase.Open(databasePath, DatabaseAccess.CreateIfMissing);
        var engine = await EnforcementEngine.OpenAsync(EnforcementPolicy.Default, await database.LogAsync(), TimeProvider.System);
        await engine.ApplyAsync(Enumerable.Range(1, posts).Select(i => Input($"{prefix}{i}", $"author{i % 3}", code)));
        return engine;
    }

    public static PolicyInput Input(string postId, string author, ContentCode code = ContentCode.DualLoyalty, double score = 0.95) => new()
    {
        PostId = postId,
        AuthorId = author,
        Assessment = new Assessment
        {
            PostId = postId, PHateful = score, PAntisemitic = score,
            Label = TaxonomyTable.Default.Label(code, Target.JewsCollective, Explicitness.Explicit), CodeConfidence = 0.9,
            ModelVersion = "model-test-1", TaxonomyVersion = TaxonomyTable.Default.Version,
            Evidence = [new EvidenceSpan(0, 4, "word:test", 1.5)],
        },
        PostedAt = DateTimeOffset.UtcNow.AddHours(-1),
        Reach = 10,
    };

    /// <summary>A new P-256 labeler key in a PEM file of its own temp folder, and the key itself to check signatures with.</summary>
    public static (string PemPath, ECDsa Key) LabelerKey()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(Directory.CreateTempSubdirectory("vigil-labeler-key-").FullName, "labeler.pem");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return (path, key);
    }
}
