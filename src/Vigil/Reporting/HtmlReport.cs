using System.Globalization;
using System.Net;
using System.Text;

namespace Vigil.Reporting;

/// <summary>
/// Builds one self-contained HTML page (inline CSS, no scripts, no external resources) so a report opens offline
/// and can be archived or attached as it is. Every cell is HTML-encoded: post text is hostile input.
/// </summary>
internal sealed class HtmlReport
{
    private readonly StringBuilder _body = new();
    private readonly StringBuilder _footer = new();
    private readonly string _title;

    public HtmlReport(string title) => _title = title;

    /// <summary>One line under the title saying what the page is about (period, population, versions).</summary>
    public HtmlReport Context(string text)
    {
        _body.Append("<p class=\"context\">").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>The figures a reader sees first, each a large number with its meaning in words and its interval.</summary>
    public HtmlReport Headline(IReadOnlyList<HeadlineFigure> figures)
    {
        if (figures.Count == 0) return this;
        _body.Append("<dl class=\"headline\">\n");
        foreach (var figure in figures)
        {
            _body.Append("<div><dt>").Append(Encode(figure.Value)).Append("</dt><dd>").Append(Encode(figure.Statement));
            if (figure.Detail is { } detail) _body.Append(" <span>(").Append(Encode(detail)).Append(")</span>");
            _body.Append("</dd></div>\n");
        }
        _body.Append("</dl>\n");
        return this;
    }

    /// <summary>A paragraph at the end of the page, after every section (provenance, how to reproduce).</summary>
    public HtmlReport FooterParagraph(string text)
    {
        _footer.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    public HtmlReport Heading(string text)
    {
        _body.Append("<h2>").Append(Encode(text)).Append("</h2>\n");
        return this;
    }

    public HtmlReport Paragraph(string text)
    {
        _body.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A table; <paramref name="caption"/> should say what is counted and over what denominator.</summary>
    /// <remarks>A wide table scrolls inside its own box rather than pushing the page wider than the screen.</remarks>
    public HtmlReport Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<div class=\"table\"><table>\n<caption>").Append(Encode(caption)).Append("</caption>\n<thead><tr>");
        foreach (var header in headers) _body.Append("<th>").Append(Encode(header)).Append("</th>");
        _body.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row) _body.Append("<td>").Append(Encode(cell)).Append("</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody>\n</table></div>\n");
        return this;
    }

    /// <summary>Embeds an SVG document inline (charts), with a caption.</summary>
    public HtmlReport Figure(string caption, string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        _body.Append("<figure>").Append(start >= 0 ? svg[start..] : svg)
             .Append("<figcaption>").Append(Encode(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    public string Render()
    {
        var html = new StringBuilder(_body.Length + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(_title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(_title)).Append("</h1>\n")
            .Append(_body);
        if (_footer.Length > 0) html.Append("<footer>\n").Append(_footer).Append("</footer>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    public void Save(string path) => File.WriteAllText(path, Render(), new UTF8Encoding(false));

    public static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
    public static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
    public static string Decimal(double value, int digits = 3) =>
        value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font-family: "DejaVu Sans", system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
        h1 { font-size: 1.5rem; border-bottom: 2px solid #333; padding-bottom: .2rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.2rem; margin-top: 1.6rem; }
        .context { margin: 0 0 .6rem; color: #444; font-size: .9rem; }
        .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .5rem; margin: 0; }
        .headline div { border-left: 4px solid #1f5fa8; padding: .1rem .6rem; }
        .headline dt { font-size: 1.5rem; font-weight: bold; }
        .headline dd { margin: 0; font-size: .85rem; }
        .headline span { color: #555; white-space: nowrap; }
        div.table { overflow-x: auto; max-width: 100%; }
        footer { margin-top: 2rem; border-top: 1px solid #bbb; font-size: .85rem; color: #444; }
        table { border-collapse: collapse; margin: .8rem 0 1.4rem; font-size: .9rem; }
        caption { text-align: left; font-style: italic; padding-bottom: .3rem; color: #444; }
        th, td { border: 1px solid #bbb; padding: .25rem .6rem; text-align: left; vertical-align: top; }
        th { background: #eee; }
        td { max-width: 40rem; overflow-wrap: anywhere; }
        figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: .85rem; color: #444; }

        """;
}
