using Vigil.Detection;

namespace Vigil.Cli.Commands;

/// <summary>The <c>--model</c> option of the detector commands: a model file, or the model built into vigil.</summary>
internal static class DetectorFile
{
    public static Detector Load(string? path) => path is null ? Detector.LoadDefault() : Detector.Load(path);
}
