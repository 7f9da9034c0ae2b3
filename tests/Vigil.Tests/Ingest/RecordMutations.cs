using System.Text;
using CsCheck;
using Vigil.Ingest;

namespace Vigil.Tests.Ingest;

/// <summary>
/// Generators of damaged input: valid records of each format, then cut, bit-flipped, given invalid UTF-8, NULs, byte
/// order marks, CRLF, long strings, deep nesting, values of the wrong type, numbers and dates out of range, duplicate
/// keys and escaped lone surrogates. The records are written here, in the shapes the importers read.
/// </summary>
internal static class RecordMutations
{
    public static readonly IReadOnlyDictionary<IngestFormat, string[]> Seeds = new Dictionary<IngestFormat, string[]>
    {
        [IngestFormat.Vigil] =
        [
            """{"kind":"post","v":1,"id":"p1","author_id":"u1","created_at":"2026-03-01T12:00:00.000Z","text":"tea at four #tea","lang":"en","hashtags":["tea"],"views":57}""",
            """{"kind":"account","v":1,"id":"u1","handle":"ann","display_name":"Ann","created_at":"2020-05-01T10:00:00Z","followers":120,"verified":false}""",
            """{"kind":"interaction","v":1,"type":"like","account_id":"u2","post_id":"p1","at":"2026-03-01T12:01:00.000Z","count":1}""",
        ],
        [IngestFormat.Csv] =
        [
            "p1,u1,2026-03-01T12:00:00Z,\"tea, at four\",en,,,,tea,,https://example.org,57",
            "p2,u2,1772366400,plain words,,p1,,,,ann,,0",
        ],
        [IngestFormat.XV2] =
        [
            """{"data":[{"id":"1","author_id":"11","created_at":"2021-04-08T18:00:00.000Z","text":"hi #x","lang":"en","entities":{"hashtags":[{"start":3,"end":5,"tag":"x"}]},"public_metrics":{"impression_count":9},"referenced_tweets":[{"type":"quoted","id":"9"}]}],"includes":{"users":[{"id":"11","username":"ann","name":"Ann","public_metrics":{"followers_count":3}}]},"meta":{"result_count":1}}""",
            """{"id":"2","author_id":"12","created_at":"2021-04-08T18:00:00.000Z","text":"RT @ann: hi","author":{"id":"12","username":"bob"},"referenced_tweets":[{"type":"retweeted","id":"1","author_id":"11","created_at":"2021-04-08T17:00:00.000Z","text":"hi"}],"note_tweet":{"text":"long"}}""",
        ],
        [IngestFormat.Jetstream] =
        [
            """{"did":"did:plc:a","time_us":1772366400000000,"kind":"commit","commit":{"rev":"3l","operation":"create","collection":"app.bsky.feed.post","rkey":"r1","record":{"$type":"app.bsky.feed.post","text":"hello","langs":["en"],"createdAt":"2026-03-01T12:00:00.000Z","facets":[{"index":{"byteStart":0,"byteEnd":5},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.org"}]}]},"cid":"bafy"}}""",
            """{"did":"did:plc:b","time_us":1772366400000001,"type":"com","commit":{"rev":"3l","type":"c","collection":"app.bsky.feed.like","rkey":"r2","record":{"subject":{"uri":"at://did:plc:a/app.bsky.feed.post/r1","cid":"bafy"},"createdAt":"2026-03-01T12:00:01.000Z"}}}""",
        ],
        [IngestFormat.Mastodon] =
        [
            """{"id":"1","created_at":"2026-03-01T12:00:00.000Z","language":"en","spoiler_text":"cw","content":"<p>hi <a href=\"https://example.org/a\">a</a></p>","account":{"id":"a1","username":"ann","acct":"ann","followers_count":1},"reblog":null,"tags":[{"name":"x"}],"mentions":[]}""",
            """[{"id":"2","created_at":"2026-03-01T12:00:00Z","content":"","account":{"id":"a2","username":"bob"},"reblog":{"id":"1","created_at":"2026-03-01T11:00:00Z","content":"<p>x</p>","account":{"id":"a1","username":"ann"}}}]""",
        ],
    };

    /// <summary>What goes before the records: CSV's header.</summary>
    public static string Header(IngestFormat format) =>
        format == IngestFormat.Csv ? "id,author_id,created_at,text,lang,reply_to_id,quote_of_id,repost_of_id,hashtags,mentions,urls,views\n" : "";

    /// <summary>One record of <paramref name="format"/>, valid or damaged in zero to three ways.</summary>
    public static Gen<byte[]> Record(IngestFormat format, int longStringBytes, int nestingDepth) =>
        Gen.Select(Gen.OneOf(Seeds[format]), Mutation(longStringBytes, nestingDepth).Array[0, 3])
            .Select((seed, mutations) => mutations.Aggregate(Encoding.UTF8.GetBytes(seed), (bytes, mutate) => mutate(bytes)));

    /// <summary>A file: the format's header and a few records, one a line.</summary>
    public static Gen<byte[]> File(IngestFormat format, int longStringBytes, int nestingDepth) =>
        Record(format, longStringBytes, nestingDepth).Array[1, 8].Select(records =>
            Encoding.UTF8.GetBytes(Header(format)).Concat(records.SelectMany(r => r.Append((byte)'\n'))).ToArray());

    private static Gen<Func<byte[], byte[]>> Mutation(int longStringBytes, int nestingDepth) => Gen.OneOf<Func<byte[], byte[]>>(
        Gen.Double.Unit.Select(at => (Func<byte[], byte[]>)(b => b[..(int)(at * b.Length)])),
        Gen.Select(Gen.Double.Unit, Gen.Int[0, 7]).Select((at, bit) => (Func<byte[], byte[]>)(b => FlipBit(b, at, bit))),
        Gen.Select(Gen.Double.Unit, Gen.OneOf(InvalidUtf8)).Select((at, bad) => Insert(at, bad)),
        Gen.Double.Unit.Select(at => Insert(at, [0])),
        Gen.Double.Unit.Select(at => Insert(at, [0xEF, 0xBB, 0xBF])),
        Gen.Const((Func<byte[], byte[]>)(b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).Replace("\",", "\",\r\n")))),
        Gen.Const((Func<byte[], byte[]>)(b => Replace(b, "hi", new string('x', longStringBytes)))),
        Gen.Const((Func<byte[], byte[]>)(b => Replace(b, "\"en\"", new string('[', nestingDepth) + new string(']', nestingDepth)))),
        Gen.OneOf("123", "[]", "{}", "null", "true", "-1.5e3").Select(value => (Func<byte[], byte[]>)(b => ReplaceFirstString(b, value))),
        Gen.OneOf("1e400", "-1", "99999999999999999999999", "0.5", "-0").Select(value => (Func<byte[], byte[]>)(b => ReplaceFirstNumber(b, value))),
        Gen.OneOf("9999-99-99T99:99:99Z", "0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "+275760-09-13T00:00:00Z", "2026-03-01T12:00:00+25:00", "")
            .Select(value => (Func<byte[], byte[]>)(b => Replace(b, "2026-03-01T12:00:00", value))),
        Gen.Const((Func<byte[], byte[]>)(b => Replace(b, "{\"", "{\"id\":\"dup\",\"id\":7,\""))),
        Gen.Const((Func<byte[], byte[]>)(b => Replace(b, "hello", "he\\ud800llo\\udc00"))));

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];

    private static byte[] FlipBit(byte[] bytes, double at, int bit)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        copy[Math.Min((int)(at * bytes.Length), bytes.Length - 1)] ^= (byte)(1 << bit);
        return copy;
    }

    private static Func<byte[], byte[]> Insert(double at, byte[] inserted) => bytes =>
    {
        var position = (int)(at * bytes.Length);
        return [.. bytes[..position], .. inserted, .. bytes[position..]];
    };

    private static byte[] Replace(byte[] bytes, string what, string with)
    {
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(what));
        return at < 0 ? bytes : [.. bytes[..at], .. Encoding.UTF8.GetBytes(with), .. bytes[(at + Encoding.UTF8.GetByteCount(what))..]];
    }

    /// <summary>The first string value (after a colon) replaced by <paramref name="value"/>.</summary>
    private static byte[] ReplaceFirstString(byte[] bytes, string value)
    {
        var colon = bytes.AsSpan().IndexOf(":\""u8);
        if (colon < 0) return bytes;
        var end = bytes.AsSpan(colon + 2).IndexOf((byte)'"');
        return end < 0 ? bytes : [.. bytes[..(colon + 1)], .. Encoding.UTF8.GetBytes(value), .. bytes[(colon + 3 + end)..]];
    }

    /// <summary>The first number value (after a colon) replaced by <paramref name="value"/>.</summary>
    private static byte[] ReplaceFirstNumber(byte[] bytes, string value)
    {
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] != (byte)':' || !char.IsAsciiDigit((char)bytes[i + 1])) continue;
            var end = i + 1;
            while (end < bytes.Length && char.IsAsciiDigit((char)bytes[end])) end++;
            return [.. bytes[..(i + 1)], .. Encoding.UTF8.GetBytes(value), .. bytes[end..]];
        }
        return bytes;
    }
}
