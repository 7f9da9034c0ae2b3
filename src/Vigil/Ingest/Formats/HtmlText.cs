using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Ingest.Formats;

/// <summary>
/// Mastodon's status HTML to plain text: tags dropped, line and paragraph breaks kept as newlines, entities decoded.
/// Links that are not mentions or hashtags are collected, since Mastodon has no separate URL list. The quote fallback
/// paragraph of Mastodon 4.5 (<c>&lt;p class="quote-inline"&gt;RE: link&lt;/p&gt;</c>, for clients that cannot show
/// quotes) is left out, text and link: it is not what the author wrote, and the quote is linked as a quote.
/// </summary>
internal static partial class HtmlText
{
    public static string ToPlain(string html, List<string>? links)
    {
        if (html.IndexOf('<') < 0 && html.IndexOf('&') < 0) return html;
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            if (open < 0) open = html.Length;
            text.Append(html, i, open - i);
            if (open == html.Length) break;
            var close = html.IndexOf('>', open);
            if (close < 0)
            {
                text.Append(html, open, html.Length - open);
                break;
            }
            var tag = html.AsSpan(open + 1, close - open - 1);
            if (IsQuoteFallback(tag))
            {
                var end = html.IndexOf("</p>", close, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end + "</p>".Length;
                continue;
            }
            if (tag.StartsWith("br", StringComparison.OrdinalIgnoreCase)) text.Append('\n');
            else if (tag.StartsWith("/p", StringComparison.OrdinalIgnoreCase)) text.Append("\n\n");
            else if (links is not null && tag.StartsWith("a ", StringComparison.OrdinalIgnoreCase)) CollectLink(tag.ToString(), links);
            i = close + 1;
        }
        return WebUtility.HtmlDecode(text.ToString()).TrimEnd();
    }

    private static bool IsQuoteFallback(ReadOnlySpan<char> tag) =>
        tag.StartsWith("p ", StringComparison.OrdinalIgnoreCase) && tag.Contains("quote-inline", StringComparison.Ordinal);

    private static void CollectLink(string tag, List<string> links)
    {
        var href = Href().Match(tag);
        if (!href.Success) return;
        var cssClass = Class().Match(tag);
        if (cssClass.Success && (cssClass.Groups[1].Value.Contains("mention", StringComparison.Ordinal) ||
                                 cssClass.Groups[1].Value.Contains("hashtag", StringComparison.Ordinal))) return;
        links.Add(WebUtility.HtmlDecode(href.Groups[1].Value));
    }

    [GeneratedRegex("""\bhref\s*=\s*"([^"]*)" """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Href();

    [GeneratedRegex("""\bclass\s*=\s*"([^"]*)" """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Class();
}
