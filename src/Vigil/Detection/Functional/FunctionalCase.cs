using Vigil.Model;

namespace Vigil.Detection.Functional;

/// <summary>
/// One hand-written case: a text and what a correct detector must say about it. <see cref="Code"/> records the taxonomy
/// reading the authors intended; it is scored apart from pass/fail because a detector can be right about whether
/// something is hateful while naming a neighbouring code.
/// </summary>
/// <param name="Source">File and line the case came from, so a failing case can be found and argued about.</param>
public sealed record FunctionalCase(
    string Id,
    string Functionality,
    string Text,
    bool ExpectAntisemitic,
    bool ExpectHateful,
    ContentCode? Code,
    Explicitness Explicitness,
    string Note,
    string Source);
