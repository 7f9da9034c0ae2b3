using Vigil.Detection.Functional;
using Vigil.Model;

namespace Vigil.Tests.Functional;

/// <summary>
/// The consistency rules every case file set obeys, the test suite and the development set alike; each returns what
/// breaks the rule, so a failing test names the cases.
/// </summary>
internal static class CaseFileChecks
{
    /// <summary>Functionalities with fewer than five cases: too few for a pass rate to mean anything.</summary>
    public static List<string> ThinFunctionalities(IEnumerable<FunctionalCase> cases) =>
        cases.GroupBy(c => c.Functionality).Where(g => g.Count() < 5).Select(g => g.Key).ToList();

    /// <summary>
    /// Cases whose expected verdicts disagree with the consensus class of their recorded code in taxonomy-v1. Contested,
    /// protected and exempt codes are expected unflagged: the detector's verdicts mean "agreed".
    /// </summary>
    public static List<string> ExpectationsAgainstTaxonomy(IEnumerable<FunctionalCase> cases)
    {
        var wrong = new List<string>();
        foreach (var c in cases.Where(c => c.Code is not null))
        {
            var label = TaxonomyTable.Version1.Label(c.Code!.Value, Target.JewsCollective, c.Explicitness);
            if (label.IsAntisemitic != c.ExpectAntisemitic || label.IsHateful != c.ExpectHateful)
                wrong.Add($"{c.Id} ({c.Source}): expectations disagree with {Kebab.From(label.Consensus)}");
        }
        return wrong;
    }

    /// <summary>Functionalities whose cases expect different verdicts, so their pass rate would mix two kinds of error.</summary>
    public static List<string> MixedFunctionalities(IEnumerable<FunctionalCase> cases) =>
        cases.GroupBy(c => c.Functionality)
             .Where(g => g.Select(c => (c.ExpectAntisemitic, c.ExpectHateful)).Distinct().Count() > 1)
             .Select(g => g.Key)
             .ToList();
}
