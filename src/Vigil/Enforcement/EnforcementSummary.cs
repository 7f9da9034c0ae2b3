using Vigil.DecisionLog;
using Vigil.Policy;

namespace Vigil.Enforcement;

public sealed record ActionCount(string Consensus, string Rule, string HighestRung, int Decisions);

/// <summary>
/// What the demo and the HTML report show about enforcement: decisions by consensus class, rule and highest rung,
/// strikes and account restrictions, the review queue, and appeal outcomes per rule. Derived from the state alone.
/// </summary>
public sealed record EnforcementSummary(
    IReadOnlyList<ActionCount> Actions,
    int DecisionsInEffect,
    int DecisionsReversed,
    int StrikesActive,
    int StrikesTotal,
    int AccountsReadOnly,
    int AccountsSuspended,
    int AccountsLabelledAutomated,
    int QueuePending,
    IReadOnlyList<ReviewItem> QueueTop,
    IReadOnlyList<RuleAppealStats> Appeals,
    IReadOnlyList<string> Violations)
{
    public static EnforcementSummary From(EnforcementState state, DateTimeOffset now, int queueTop = 10)
    {
        var counts = new SortedDictionary<(string, string, string), int>();
        int inEffect = 0, reversed = 0;
        var automated = new HashSet<DecisionSubject>();
        foreach (var d in state.Decisions)
        {
            if (d.Reversed) { reversed++; continue; }
            inEffect++;
            if (d.AccountAction == AccountAction.LabelAutomated) automated.Add(d.Subject);
            var rung = d.AccountAction != AccountAction.None ? Model.Kebab.From(d.AccountAction) : Ladder.Format(Ladder.Highest(d.Actions));
            var key = (d.Payload.Consensus ?? "account", d.Rule ?? "", rung.Length == 0 ? "none" : rung);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var actions = counts.Select(c => new ActionCount(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value)).ToList();

        var accounts = new HashSet<string>(StringComparer.Ordinal);
        int active = 0, total = 0;
        foreach (var strike in state.AllStrikes)
        {
            total++;
            if (strike.IsActive(now)) active++;
            accounts.Add(strike.Account);
        }
        foreach (var restriction in state.AllRestrictions) accounts.Add(restriction.Account);
        int readOnly = 0, suspended = 0;
        foreach (var account in accounts)
        {
            var standing = state.AccountStatusOf(account, now).Standing;
            if (standing == AuthorStanding.ReadOnly) readOnly++;
            if (standing == AuthorStanding.Suspended) suspended++;
        }
        var queue = state.Queue();
        return new EnforcementSummary(actions, inEffect, reversed, active, total, readOnly, suspended, automated.Count,
            queue.Count, queue.Take(queueTop).ToList(), state.AppealStatsByRule(), state.Violations);
    }
}
