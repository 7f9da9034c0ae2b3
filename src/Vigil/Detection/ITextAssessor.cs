using Vigil.Model;

namespace Vigil.Detection;

/// <summary>Anything that assesses one text on the taxonomy's axes: the shipped classifier, or a fake in tests.</summary>
public interface ITextAssessor
{
    Assessment Assess(string postId, string text);
}
