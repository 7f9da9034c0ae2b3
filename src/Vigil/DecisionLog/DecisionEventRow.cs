using System.Data.Common;

namespace Vigil.DecisionLog;

/// <summary>
/// The <c>decision_events</c> row as every SQL log stores it (SQLite, PostgreSQL): the columns in order, and the event
/// read back from them. Each field is stored as it was hashed, <c>at</c> in the chain's text form.
/// </summary>
public static class DecisionEventRow
{
    public const string Columns =
        "seq, id, type, at, subject, actor, policy_version, model_version, taxonomy_version, payload, prev_hash, hash";

    /// <summary>The event of the reader's current row, selected as <see cref="Columns"/>.</summary>
    public static DecisionEvent Read(DbDataReader r)
    {
        var type = r.GetString(2);
        return new DecisionEvent
        {
            Sequence = r.GetInt64(0),
            Id = r.GetString(1),
            // An unknown type name is tampering or a newer writer; keep the row so the verifier can name it.
            Type = Enum.TryParse<DecisionEventType>(type, out var parsed) ? parsed : (DecisionEventType)(-1),
            At = HashChain.ParseTime(r.GetString(3)),
            Subject = r.GetString(4),
            Actor = r.GetString(5),
            PolicyVersion = r.GetString(6),
            ModelVersion = r.GetString(7),
            TaxonomyVersion = r.GetString(8),
            Payload = r.GetString(9),
            PrevHash = r.GetString(10),
            Hash = r.GetString(11),
        };
    }
}
