using System.Text;

namespace Vigil.Bots;

/// <summary>Splits and quotes CSV fields (RFC 4180 quoting, no embedded newlines on read): enough for the research bot sets and Vigil's own CSV outputs.</summary>
internal static class CsvFields
{
    /// <summary>The field as written in CSV: quoted only when it holds a comma, a quote or a line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    public static void Split(string line, List<string> into)
    {
        into.Clear();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { into.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        into.Add(field.ToString());
    }
}
