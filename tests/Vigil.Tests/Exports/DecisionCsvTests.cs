using Vigil.Tests.Policy;
using Vigil.Exports;
using Vigil.Model;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Exports;

public sealed class DecisionCsvTests
{
    [Fact]
    public async Task OneRowPerDecisionWithQuotedFields()
    {
        var engine = await EngineAsync(new FakeClock(Start));
        await engine.ApplyAsync([Input("p,1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.NaziComparison, target: Target.IsraelState)]);
        var writer = new StringWriter();
        DecisionCsvExporter.Write(engine.State, writer);
        var lines = writer.ToString().TrimEnd().Split('\n');
        Assert.Equal(DecisionCsvExporter.Header, lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"post:p,1\"", writer.ToString());
        Assert.Contains(lines, l => l.Contains("contested-context"));
    }
}
