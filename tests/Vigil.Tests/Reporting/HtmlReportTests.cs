using Vigil.Reporting;

namespace Vigil.Tests.Reporting;

public sealed class HtmlReportTests
{
    [Fact]
    public void Post_text_is_encoded_not_interpreted()
    {
        var html = new HtmlReport("t")
            .Table("c", ["text"], [["<script>alert(1)</script> & (((x)))"]])
            .Render();

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; (((x)))", html);
    }

    [Fact]
    public void Page_is_self_contained()
    {
        var html = new HtmlReport("Vigil report").Heading("Detections").Paragraph("p").Render();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("<h2>Detections</h2>", html);
    }

    [Fact]
    public void Figure_embeds_svg_without_its_xml_prolog()
    {
        var html = new HtmlReport("t").Figure("cap", "<?xml version=\"1.0\"?><svg width=\"1\"></svg>").Render();

        Assert.Contains("<figure><svg width=\"1\"></svg><figcaption>cap</figcaption></figure>", html);
        Assert.DoesNotContain("<?xml", html);
    }
}
