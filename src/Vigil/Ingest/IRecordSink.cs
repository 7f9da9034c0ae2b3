using Vigil.Model;

namespace Vigil.Ingest;

/// <summary>
/// Where a format parser puts what it reads. Parsers push rather than return because one input record can yield
/// several model records (a tweet with its author, a repost that is both a post and an interaction).
/// </summary>
internal interface IRecordSink
{
    void Add(Account account);
    void Add(Post post);
    void Add(Interaction interaction);
    /// <summary>Sets aside part of a record (one tweet of a response) while the rest is taken.</summary>
    void Reject(long line, string reason, string raw);
    /// <summary>Counts a well-formed record that Vigil does not model (a Jetstream follow, a delete).</summary>
    void Ignore();
}
