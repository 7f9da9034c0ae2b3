using Vigil.Tests.Policy;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Exports;
using Vigil.Model;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Exports;

public sealed class AtprotoLabelTests
{
    private static readonly AtprotoOptions Options = new() { LabelerDid = "did:web:labeler.example" };

    [Fact]
    public void DagCborSortsKeysByLengthThenBytes()
    {
        var writer = new DagCborWriter();
        writer.WriteMap([("bb", w => w.WriteUnsigned(2)), ("a", w => w.WriteBool(true)), ("ab", w => w.WriteUnsigned(500))]);
        // a3 = map(3); 61 'a' f5; 62 'ab' 19 01f4; 62 'bb' 02 — written out from RFC 8949's head rules by hand.
        Assert.Equal(Convert.FromHexString("A36161F56261621901F4626262" + "02"), writer.ToArray());
    }

    [Fact]
    public void ALabelEncodesWithoutSigAndOmitsFalseNeg()
    {
        var label = new AtprotoLabel { Src = "did:x", Uri = "did:y", Val = "bot", Cts = "2026-03-01T12:00:00.000Z" };
        var bytes = AtprotoLabelExporter.Encode(label);
        Assert.Equal(0xA5, bytes[0]);
        var negated = AtprotoLabelExporter.Encode(label with { Neg = true });
        Assert.Equal(0xA6, negated[0]);
        // The three-letter keys in canonical order: cts, neg, src, uri, val, ver.
        var text = System.Text.Encoding.ASCII.GetString(negated);
        Assert.True(text.IndexOf("cts", StringComparison.Ordinal) < text.IndexOf("neg", StringComparison.Ordinal));
        Assert.True(text.IndexOf("val", StringComparison.Ordinal) < text.IndexOf("ver", StringComparison.Ordinal));
    }

    [Fact]
    public void LabelsAreSignedLowSAndVerify()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (var i = 0; i < 20; i++)
        {
            var label = AtprotoLabelExporter.Sign(new AtprotoLabel
            {
                Src = Options.LabelerDid, Uri = $"did:plc:a{i}", Val = "bot", Cts = "2026-03-01T12:00:00.000Z",
            }, key);
            Assert.Equal(64, label.Sig.Length);
            Assert.True(AtprotoLabelExporter.IsLowS(label.Sig));
            Assert.True(AtprotoLabelExporter.Verify(label, key));
            Assert.False(AtprotoLabelExporter.Verify(label with { Val = "hate" }, key));
        }
    }

    [Fact]
    public async Task DecisionsBecomeLabelsAndOverturnsBecomeNegations()
    {
        var clock = new FakeClock(Start);
        var engine = await EngineAsync(clock);
        await engine.ApplyAsync([
            Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.NaziComparison, target: Target.IsraelState),
            Input("p3", "did:plc:bot1", ContentCode.None, score: 0.01, botScore: 0.95),
            Input("p4", "a4", ContentCode.CounterSpeech),
        ]);
        var id = DecisionIdFor(engine, "p1");
        clock.Advance(TimeSpan.FromDays(1));
        await engine.FileAppealAsync(id, "a1");
        await engine.ResolveAppealAsync(id, Alice, overturn: true);

        var labels = AtprotoLabelExporter.Build(engine.State, Options);
        Assert.All(labels, l => Assert.Matches("^[a-z][a-z-]*[a-z]$", l.Val));
        Assert.Contains(labels, l => l is { Val: "contested", Uri: "at://did:plc:a2/app.bsky.feed.post/p2" });
        Assert.Contains(labels, l => l is { Val: "bot", Uri: "did:plc:bot1" });
        Assert.DoesNotContain(labels, l => l.Uri.Contains("p4"));
        var original = Assert.Single(labels, l => l is { Val: "antisemitism", Neg: false });
        var negation = Assert.Single(labels, l => l is { Val: "antisemitism", Neg: true });
        Assert.Equal(original.Uri, negation.Uri);
        Assert.True(string.CompareOrdinal(negation.Cts, original.Cts) > 0);
    }

    [Fact]
    public async Task RestrictionsCarryAnExpiryAndJsonCarriesBytes()
    {
        var clock = new FakeClock(Start);
        var engine = await EngineAsync(clock);
        for (var i = 1; i <= 3; i++) await engine.ApplyAsync([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var labels = AtprotoLabelExporter.Build(engine.State, Options).Select(l => AtprotoLabelExporter.Sign(l, key)).ToList();
        var readOnly = Assert.Single(labels, l => l.Val == "read-only");
        Assert.Equal("2026-03-08T12:00:00.000Z", readOnly.Exp);

        using var doc = JsonDocument.Parse(AtprotoLabelExporter.ToJson(labels));
        var first = doc.RootElement.GetProperty("labels")[0];
        Assert.Equal(1, first.GetProperty("ver").GetInt32());
        var sig = first.GetProperty("sig").GetProperty("$bytes").GetString()!;
        Assert.Equal(64, Convert.FromBase64String(sig.PadRight((sig.Length + 3) / 4 * 4, '=')).Length);
        Assert.False(first.TryGetProperty("neg", out _));
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"), first.GetProperty("cts").GetString()!);
    }
}
