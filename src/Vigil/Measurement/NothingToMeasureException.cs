namespace Vigil.Measurement;

/// <summary>
/// The data asked about cannot support a measurement: no original post in the period, no post with views for a
/// views-proportional draw. A fact about the input, not a bug, so hosts report it as such.
/// </summary>
public sealed class NothingToMeasureException(string message) : InvalidOperationException(message);
