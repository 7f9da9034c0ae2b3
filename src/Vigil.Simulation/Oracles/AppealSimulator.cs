using Vigil.Enforcement;
using Vigil.Model;

namespace Vigil.Simulation.Oracles;

public sealed record SimulatedAppeals(int Candidates, int Filed, int Upheld, int Overturned, int OutsideWindow);

/// <summary>
/// For the demo and evaluation: files appeals against a seeded share of the decisions in effect and resolves each by
/// the ground truth the host supplies (overturn when the content or account was not in fact violating). Candidates are
/// taken in id order and each draws one number, so the same log, share and seed give the same appeals.
/// </summary>
internal static class AppealSimulator
{
    public static async Task<SimulatedAppeals> RunAsync(EnforcementEngine engine, Func<DecisionStatus, bool> wasViolating,
        HumanReviewer reviewer, double share, int seed, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        var random = new SeededRandom(seed);
        var candidates = new List<DecisionStatus>();
        foreach (var decision in engine.State.Decisions)
            if (!decision.Reversed && decision.Appeal == AppealStatus.None &&
                (decision.Actions != Policy.ContentActions.None || decision.AccountAction != Policy.AccountAction.None))
                candidates.Add(decision);
        candidates.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        int filed = 0, upheld = 0, overturned = 0, late = 0;
        foreach (var decision in candidates)
        {
            if (random.NextDouble() >= share) continue;
            try
            {
                await engine.FileAppealAsync(decision.Id, decision.Author ?? "appellant", "simulated appeal", ct);
            }
            catch (EnforcementException)
            {
                late++;
                continue;
            }
            filed++;
            var overturn = !wasViolating(decision);
            await engine.ResolveAppealAsync(decision.Id, reviewer, overturn, "simulated resolution", ct);
            if (overturn) overturned++;
            else upheld++;
        }
        return new SimulatedAppeals(candidates.Count, filed, upheld, overturned, late);
    }
}
