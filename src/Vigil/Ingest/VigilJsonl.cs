using System.Buffers;
using System.Text.Json;
using Vigil.Model;

namespace Vigil.Ingest;

/// <summary>
/// The Vigil JSONL format, version 1 (docs/FORMATS.md): one JSON object a line, each with a <c>kind</c> of
/// <c>account</c>, <c>post</c> or <c>interaction</c> and a format version <c>v</c>; snake_case field names; times in
/// ISO 8601 UTC. This class writes it deterministically (fixed field order, fixed number formats), so that a seeded
/// simulation produces the same bytes every time.
/// </summary>
public static class VigilJsonl
{
    public const int Version = 1;

    public static class Kinds
    {
        public const string Account = "account";
        public const string Post = "post";
        public const string Interaction = "interaction";
    }

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    /// <summary>Writes records to a stream as JSONL, one line each, through one reused writer.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly Stream _stream;
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly Utf8JsonWriter _json;

        public Writer(Stream stream)
        {
            _stream = stream;
            _json = new Utf8JsonWriter(_buffer, WriterOptions);
        }

        public void Write(Account account) => WriteLine(account, WriteAccount);
        public void Write(Post post) => WriteLine(post, WritePost);
        public void Write(Interaction interaction) => WriteLine(interaction, WriteInteraction);

        private void WriteLine<T>(T record, Action<Utf8JsonWriter, T> write)
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            write(_json, record);
            _json.Flush();
            _stream.Write(_buffer.WrittenSpan);
            _stream.WriteByte((byte)'\n');
        }

        public void Dispose()
        {
            _json.Dispose();
            _stream.Flush();
        }
    }

    internal static void WriteAccount(Utf8JsonWriter json, Account a)
    {
        json.WriteStartObject();
        json.WriteString("kind", Kinds.Account);
        json.WriteNumber("v", Version);
        json.WriteString("id", a.Id);
        json.WriteString("handle", a.Handle);
        json.WriteString("display_name", a.DisplayName);
        WriteTime(json, "created_at", a.CreatedAt);
        json.WriteNumber("followers", a.Followers);
        json.WriteNumber("following", a.Following);
        json.WriteNumber("post_count", a.PostCount);
        json.WriteNumber("listed", a.Listed);
        json.WriteBoolean("verified", a.Verified);
        json.WriteBoolean("paid_tier", a.PaidTier);
        json.WriteString("description", a.Description);
        json.WriteBoolean("default_profile", a.DefaultProfile);
        json.WriteBoolean("default_profile_image", a.DefaultProfileImage);
        if (a.SuspendedAt is { } suspended) WriteTime(json, "suspended_at", suspended);
        if (a.RestoredAt is { } restored) WriteTime(json, "restored_at", restored);
        json.WriteEndObject();
    }

    public static void WritePost(Utf8JsonWriter json, Post p)
    {
        json.WriteStartObject();
        json.WriteString("kind", Kinds.Post);
        json.WriteNumber("v", Version);
        json.WriteString("id", p.Id);
        json.WriteString("author_id", p.AuthorId);
        WriteTime(json, "created_at", p.CreatedAt);
        json.WriteString("text", p.Text);
        if (p.Language is not null) json.WriteString("lang", p.Language);
        if (p.ReplyToId is not null) json.WriteString("reply_to_id", p.ReplyToId);
        if (p.QuoteOfId is not null) json.WriteString("quote_of_id", p.QuoteOfId);
        if (p.RepostOfId is not null) json.WriteString("repost_of_id", p.RepostOfId);
        WriteStrings(json, "hashtags", p.Hashtags);
        WriteStrings(json, "mentions", p.Mentions);
        WriteStrings(json, "urls", p.Urls);
        json.WriteNumber("views", p.Views);
        json.WriteEndObject();
    }

    internal static void WriteInteraction(Utf8JsonWriter json, Interaction i)
    {
        json.WriteStartObject();
        json.WriteString("kind", Kinds.Interaction);
        json.WriteNumber("v", Version);
        json.WriteString("type", InteractionKinds.Name(i.Kind));
        json.WriteString("account_id", i.AccountId);
        json.WriteString("post_id", i.PostId);
        WriteTime(json, "at", i.At);
        if (i.Count != 1) json.WriteNumber("count", i.Count);
        json.WriteEndObject();
    }

    /// <summary>Times are always written in UTC with millisecond precision: <c>2026-03-01T12:00:00.000Z</c>.</summary>
    internal static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset time)
    {
        Span<byte> buffer = stackalloc byte[32];
        time.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        json.WriteString(name, buffer[..written]);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        json.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++) json.WriteStringValue(values[i]);
        json.WriteEndArray();
    }
}
